import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeEnvelope, openEnvelope } from './signed-message.server'
import { verifyKeyBytes } from './verify-key'

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
  return { privateKey, raw }
}

/** libsodium's combined mode: signature, then message, base64. */
const seal = (message: string, privateKey: ReturnType<typeof keyPair>['privateKey']) =>
  Buffer.concat([sign(null, Buffer.from(message), privateKey), Buffer.from(message)]).toString('base64')

describe('the signed envelope', () => {
  it('opens a message signed with the matching key and hashes the whole envelope', () => {
    const { privateKey, raw } = keyPair()
    const opened = openEnvelope(seal('{"a":1}', privateKey), raw)
    expect(opened).toMatchObject({ ok: true })
    if (opened.ok) {
      expect(opened.message.toString()).toBe('{"a":1}')
      expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('refuses another key, a changed byte, a short or non-base64 body', () => {
    const signer = keyPair()
    const other = keyPair()
    const body = seal('{"a":1}', signer.privateKey)
    expect(openEnvelope(body, other.raw)).toEqual({ ok: false, problem: 'bad_signature' })
    const tampered = Buffer.from(body, 'base64')
    tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 1
    expect(openEnvelope(tampered.toString('base64'), signer.raw)).toEqual({ ok: false, problem: 'bad_signature' })
    expect(openEnvelope(Buffer.alloc(64).toString('base64'), signer.raw)).toEqual({ ok: false, problem: 'too_short' })
    for (const bad of ['', 'not base64!', 'abc', '\u0000AAAA', 'A'.repeat(5)]) {
      expect(openEnvelope(bad, signer.raw)).toEqual({ ok: false, problem: 'not_base64' })
    }
  })

  it('accepts base64 broken over lines, as some encoders write it', () => {
    expect(decodeEnvelope('QUJD\nREVG')?.toString()).toBe('ABCDEF')
  })
})

describe('verify keys', () => {
  it('takes 32 bytes in canonical base64 only', () => {
    const { raw } = keyPair()
    expect(verifyKeyBytes(raw.toString('base64'))?.equals(raw)).toBe(true)
    expect(verifyKeyBytes(raw.toString('base64url'))).toBeNull()
    expect(verifyKeyBytes(Buffer.alloc(31).toString('base64'))).toBeNull()
    expect(verifyKeyBytes(`${Buffer.alloc(32).toString('base64').slice(0, 42)}B=`)).toBeNull()
    expect(verifyKeyBytes(raw.toString('hex'))).toBeNull()
  })
})
