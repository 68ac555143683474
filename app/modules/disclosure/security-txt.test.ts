import { describe, expect, it } from 'vitest'
import { SECURITY_TXT_LIFETIME_DAYS, buildSecurityTxt, securityTxtExpiry, securityTxtFor } from './security-txt'

type Parsed = { fields: { name: string; value: string }[]; get: (name: string) => string[] }

/**
 * A reader that follows RFC 9116 §2.4–2.5 and §3: lines end in LF or CRLF; a line is empty, a
 * comment ("#"), or "Field-Name: value" (names case-insensitive); anything else is an error.
 */
function parse(text: string): Parsed {
  const fields: Parsed['fields'] = []
  const lines = text.split(/\r?\n/)
  expect(lines.at(-1), 'the file ends with a line break').toBe('')
  for (const line of lines.slice(0, -1)) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^([A-Za-z0-9-]+):[ \t]*(\S.*)$/.exec(line)
    expect(match, `"${line}" is a field, a comment or empty`).not.toBeNull()
    fields.push({ name: match![1]!.toLowerCase(), value: match![2]! })
  }
  return { fields, get: (name) => fields.filter((f) => f.name === name.toLowerCase()).map((f) => f.value) }
}

/** The RFC's rules for each field we write, checked on a parsed file. */
function expectValid(parsed: Parsed, { now, url }: { now: Date; url: string }) {
  const contacts = parsed.get('Contact')
  expect(contacts.length, 'Contact is required, one or more').toBeGreaterThanOrEqual(1)
  for (const contact of contacts) expect(contact).toMatch(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+|tel:\+?[\d-]+)$/)

  const expires = parsed.get('Expires')
  expect(expires.length, 'Expires is required, exactly once').toBe(1)
  expect(expires[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
  const at = Date.parse(expires[0]!)
  expect(at, 'Expires lies ahead').toBeGreaterThan(now.getTime())
  expect(at - now.getTime(), 'Expires is less than a year ahead').toBeLessThan(365 * 86_400_000)

  for (const single of ['Preferred-Languages', 'Expires']) expect(parsed.get(single).length).toBeLessThanOrEqual(1)
  for (const tags of parsed.get('Preferred-Languages')) {
    for (const tag of tags.split(',')) expect(tag.trim()).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i)
  }
  for (const uri of [...parsed.get('Policy'), ...parsed.get('Canonical')]) expect(uri).toMatch(/^https:\/\/\S+$/)
  expect(parsed.get('Canonical'), 'Canonical names the URL the file was fetched from').toContain(url)
}

describe('security.txt', () => {
  const now = new Date('2026-11-25T15:42:10.123Z')
  const workspace = { slug: 'acme', name: 'Acme Analytics' }
  const settings = { securityContactEmail: 'security@acme.example', preferredLanguages: ['en', 'de', 'pt-BR'] }

  it("of a workspace: its security e-mail and form, its policy, languages, and its own URL as Canonical", () => {
    const text = securityTxtFor({ origin: 'https://candor.example', workspace, settings, scope: 'workspace', now })
    const parsed = parse(text)
    expectValid(parsed, { now, url: 'https://candor.example/t/acme/.well-known/security.txt' })
    expect(parsed.get('contact')).toEqual(['mailto:security@acme.example', 'https://candor.example/t/acme/security'])
    expect(parsed.get('policy')).toEqual(['https://candor.example/t/acme/security'])
    expect(parsed.get('preferred-languages')).toEqual(['en, de, pt-BR'])
    expect(parsed.get('expires')).toEqual(['2027-05-24T00:00:00Z'])
  })

  it("of the platform: served at the root, pointing at the platform workspace's policy", () => {
    const text = securityTxtFor({ origin: 'https://candor.example', workspace, settings, scope: 'platform', now })
    const parsed = parse(text)
    expectValid(parsed, { now, url: 'https://candor.example/.well-known/security.txt' })
    expect(parsed.get('canonical')).toEqual(['https://candor.example/.well-known/security.txt'])
  })

  it('falls back to the report form as the only Contact when there is no security e-mail', () => {
    const text = securityTxtFor({
      origin: 'https://candor.example',
      workspace,
      settings: { securityContactEmail: null, preferredLanguages: ['en'] },
      scope: 'workspace',
      now,
    })
    expect(parse(text).get('contact')).toEqual(['https://candor.example/t/acme/security'])
  })

  it.each([
    new Date('2026-01-01T00:00:00Z'),
    new Date('2026-12-31T23:59:59.999Z'),
    new Date('2028-02-29T12:00:00Z'),
  ])('expires ahead and within a year when written on %s', (when) => {
    const expires = securityTxtExpiry(when)
    expect(expires.getTime()).toBeGreaterThan(when.getTime())
    expect(expires.getTime() - when.getTime()).toBeLessThan(365 * 86_400_000)
    expect(Math.round((expires.getTime() - when.getTime()) / 86_400_000)).toBeLessThanOrEqual(SECURITY_TXT_LIFETIME_DAYS)
  })

  it('keeps every value on its own line (no field can be smuggled in)', () => {
    const text = buildSecurityTxt({
      owner: 'Evil\nContact: mailto:attacker@example.com',
      contacts: ['https://candor.example/t/x/security\r\nContact: mailto:attacker@example.com'],
      expires: securityTxtExpiry(now),
      policy: 'https://candor.example/t/x/security',
      preferredLanguages: ['en'],
      canonical: 'https://candor.example/t/x/.well-known/security.txt',
    })
    expect(parse(text).get('contact')).toHaveLength(1)
    expect(text).not.toMatch(/^Contact: mailto:attacker/m)
  })

  it('refuses to write a file without a Contact', () => {
    expect(() =>
      buildSecurityTxt({ owner: 'x', contacts: [], expires: now, policy: 'https://x', preferredLanguages: [], canonical: 'https://x' }),
    ).toThrow(/Contact/)
  })
})
