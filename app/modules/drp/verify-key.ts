// An agent's Ed25519 verify key as the DRP service directory gives it (spec §3.05.1, base64
// since 0.9.1): exactly 32 bytes, in the canonical base64 of 44 characters.

const CANONICAL = /^[A-Za-z0-9+/]{43}=$/

/** The key's 32 bytes, or null when `text` is not a canonical base64 Ed25519 key. */
export function verifyKeyBytes(text: string): Buffer | null {
  if (!CANONICAL.test(text)) return null
  const bytes = Buffer.from(text, 'base64')
  // The last character carries 4 unused bits: only one spelling round-trips.
  return bytes.length === 32 && bytes.toString('base64') === text ? bytes : null
}
