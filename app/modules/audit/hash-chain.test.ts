import { describe, expect, it } from 'vitest'
import { canonicalJson, canonicalJsonWithHoles, entryHash } from './hash-chain'

const entry = {
  workspaceId: '2b1f3c1e-8f0a-4a51-9d7e-1f1b2c3d4e5f',
  seq: 1n,
  actorType: 'user',
  actorId: 'u-1',
  action: 'member.invite',
  targetType: 'invitation',
  targetId: 'i-1',
  before: null,
  after: { email: 'new@acme.example', role: 'agent' },
  ip: '198.51.100.1',
  userAgent: 'Firefox',
  createdAt: new Date('2026-11-22T10:00:00.123Z'),
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order never changes the text', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    )
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }))
  })

  it('writes dates as ISO text and bigints as strings, and drops undefined', () => {
    expect(canonicalJson({ at: new Date(0), n: 12n, gone: undefined })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","n":"12"}',
    )
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
  })
})

describe('canonicalJsonWithHoles', () => {
  it('gives the texts around the holes, which with the values in between are canonicalJson', () => {
    // A nested key with a hole's name, and a value that looks like one, are left alone.
    const tricky = { ...entry, after: { createdAt: 'x', seq: '"seq":' } }
    const [head, middle, tail] = canonicalJsonWithHoles({ ...tricky, createdAt: undefined, seq: undefined }, ['createdAt', 'seq'])
    const filled = `${head}${canonicalJson(entry.createdAt)}${middle}${canonicalJson(entry.seq)}${tail}`
    expect(filled).toBe(canonicalJson(tricky))
  })

  it('refuses a hole that is not a key of the object', () => {
    expect(() => canonicalJsonWithHoles({ a: 1 }, ['b'])).toThrow(/must be keys/)
  })
})

describe('entryHash', () => {
  it('is a SHA-256 hex digest that depends on the previous hash', () => {
    const first = entryHash(null, entry)
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(entryHash(first, entry)).not.toBe(first)
    expect(entryHash(null, { ...entry })).toBe(first)
  })

  it('changes when any recorded field changes', () => {
    const base = entryHash(null, entry)
    const variants = [
      { ...entry, seq: 2n },
      { ...entry, actorId: 'u-2' },
      { ...entry, after: { email: 'new@acme.example', role: 'admin' } },
      { ...entry, ip: null },
      { ...entry, createdAt: new Date('2026-11-22T10:00:00.124Z') },
    ]
    for (const variant of variants) expect(entryHash(null, variant)).not.toBe(base)
  })
})
