import { describe, expect, it } from 'vitest'
import { DEFAULT_DPA_TEMPLATE } from './default-template'
import { settingsInput, signInput } from './forms'

const settings = {
  legalName: 'Alpha Ltd',
  address: '1 High Street, London',
  registration: 'Company number 01234567',
  contactEmail: 'privacy@alpha.example',
  governingLaw: 'the laws of England and Wales',
  template: DEFAULT_DPA_TEMPLATE,
}

const signature = {
  signerName: 'Zoë Łukasiewicz',
  signerTitle: 'General Counsel',
  companyName: 'Example GmbH',
  companyAddress: 'Hauptstraße 1, Berlin',
  signerEmail: 'zoe@example.com',
  authority: 'yes',
  offer: 'a'.repeat(64),
}

const BROKEN = ['Alpha Ltd\r\nBcc: x@evil.example', 'Alpha Ltd\nBcc: x@evil.example', 'Alpha\u0000Ltd', 'Alpha\u2028Ltd', 'Alpha\u0085Ltd']

describe('the DPA forms take names on one line', () => {
  it.each(['legalName', 'address', 'registration', 'governingLaw'] as const)('settings: %s with a line break is refused', (field) => {
    for (const value of BROKEN) {
      const parsed = settingsInput.safeParse({ ...settings, [field]: value })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: [field], message: 'Keep this on one line.' })])
    }
  })

  it.each(['signerName', 'signerTitle', 'companyName', 'companyAddress'] as const)('signature: %s with a line break is refused', (field) => {
    for (const value of BROKEN) {
      const parsed = signInput.safeParse({ ...signature, [field]: value })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: [field], message: 'Keep this on one line.' })])
    }
  })

  it('accepts the same values on one line, and line breaks around them (trimmed)', () => {
    expect(settingsInput.parse({ ...settings, legalName: '  Alpha Ltd\r\n' }).legalName).toBe('Alpha Ltd')
    expect(signInput.parse({ ...signature, companyName: 'Example GmbH\n' }).companyName).toBe('Example GmbH')
  })
})
