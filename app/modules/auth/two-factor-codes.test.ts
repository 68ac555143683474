// The test authenticator (tests/support/totp.ts) against RFC 6238's published SHA-1 vectors,
// so the browser tests' codes are right by an independent standard.
import { describe, expect, it } from 'vitest'
import { totpCode } from '../../../tests/support/totp'

// RFC 6238 Appendix B: secret "12345678901234567890" (ASCII), 8 digits there; the last 6 here.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('RFC 6238 test vectors (SHA-1)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, 0, seconds * 1000)).toBe(code)
  })
})
