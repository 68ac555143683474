import { describe, expect, it } from 'vitest'
import { accessRequestInput, ndaInput, settingsInput } from './document-forms'

const request = (fields: Record<string, string>) =>
  accessRequestInput.safeParse({ name: 'Ada', company: 'Bank', ndaVersionId: '0b7d5d5e-8f1a-4c4e-9d1c-2f3a4b5c6d7e', accept: 'yes', email: 'ada@bank.test', ...fields })

describe('a visitor’s request', () => {
  it('takes a work address, lower-cased', () => {
    const parsed = request({ email: ' Ada@Bank.TEST ' })
    expect(parsed.success && parsed.data.email).toBe('ada@bank.test')
  })

  it.each(['ada@gmail.com', 'ada@outlook.com', 'ada@Yahoo.com'])('refuses the personal address %s in plain words', (email) => {
    const parsed = request({ email })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toMatch(/work e-mail/)
  })

  it('keeps the name and the company on one line (both reach the e-mails about the request)', () => {
    expect(request({ name: 'Bob\n\nhttps://evil.example/login' }).error?.issues[0]?.message).toBe('Keep your name on one line.')
    expect(request({ company: 'Bank\r\nSign in again' }).error?.issues[0]?.message).toBe('Keep the company name on one line.')
  })

  it('needs the agreement accepted', () => {
    expect(request({ accept: '' }).error?.issues[0]?.message).toBe('Accept the agreement to ask for the document.')
  })
})

describe('document settings', () => {
  it('reads domains one per line or separated by commas, once each', () => {
    const parsed = settingsInput.parse({ autoApproveDomains: 'Bank.test\n@auditor.example, bank.test', linkDays: '7' })
    expect(parsed).toEqual({ autoApproveDomains: ['bank.test', 'auditor.example'], linkDays: 7 })
  })

  it.each([
    ['https://bank.test', /not a domain/],
    ['bank', /not a domain/],
    ['gmail.com', /personal e-mail provider/],
  ])('refuses %s', (domains, message) => {
    const parsed = settingsInput.safeParse({ autoApproveDomains: domains, linkDays: '7' })
    expect(parsed.error?.issues[0]?.message).toMatch(message)
  })

  it.each(['0', '91', 'seven'])('refuses a link lifetime of %s days', (linkDays) => {
    expect(settingsInput.safeParse({ autoApproveDomains: '', linkDays }).success).toBe(false)
  })
})

it('keeps the NDA as shown: \\n line endings, no outer blank space', () => {
  expect(ndaInput.parse({ text: '  Keep it secret.\r\n\r\nSigned.\n ' }).text).toBe('Keep it secret.\n\nSigned.')
})
