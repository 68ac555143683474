import { describe, expect, it } from 'vitest'
import { REFERENCE_ALPHABET, REQUEST_REFERENCE } from './reference'
import { newReference } from './reference.server'

describe('references', () => {
  it('are made of the unambiguous alphabet, and the request pattern accepts exactly that alphabet', () => {
    for (let i = 0; i < 200; i++) expect(newReference('R')).toMatch(REQUEST_REFERENCE)
    expect(newReference('V')).toMatch(/^V-/)
    const accepted = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => REQUEST_REFERENCE.test(`R-${c.repeat(8)}`))
    expect(accepted.join('')).toBe(REFERENCE_ALPHABET)
    expect(REQUEST_REFERENCE.test('R-7k3q9xhm')).toBe(false)
  })
})
