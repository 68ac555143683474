// The DRP's signed envelope (spec §3.07.1): base64 of a libsodium "combined mode" message, an
// Ed25519 signature of 64 bytes followed by the JSON text it signs. Verified with Node's own
// crypto; the agent's raw 32-byte verify key becomes a KeyObject through its JWK form.
import { createHash, createPublicKey, verify } from 'node:crypto'

const SIGNATURE_BYTES = 64
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export type Opened =
  | { ok: true; message: Buffer; sha256: string }
  | { ok: false; problem: 'not_base64' | 'too_short' | 'bad_signature' }

/** Decode `body` (base64, surrounding white space allowed) without trusting anything in it yet. */
export function decodeEnvelope(body: string): Buffer | null {
  const text = body.replace(/\s+/g, '')
  // Buffer.from silently skips what is not base64; the spec's first check is that it decodes.
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return null
  return Buffer.from(text, 'base64')
}

/** Check the signature at the front of the envelope against `verifyKey` (32 raw bytes). */
export function openEnvelope(body: string, verifyKey: Buffer): Opened {
  const buffer = decodeEnvelope(body)
  if (!buffer) return { ok: false, problem: 'not_base64' }
  if (buffer.length <= SIGNATURE_BYTES) return { ok: false, problem: 'too_short' }
  const signature = buffer.subarray(0, SIGNATURE_BYTES)
  const message = buffer.subarray(SIGNATURE_BYTES)
  if (!verify(null, message, ed25519Key(verifyKey), signature)) return { ok: false, problem: 'bad_signature' }
  return { ok: true, message, sha256: createHash('sha256').update(buffer).digest('hex') }
}

function ed25519Key(raw: Buffer) {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
}
