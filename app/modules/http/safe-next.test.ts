import { describe, expect, it } from 'vitest'
import { safeNext } from './safe-next'

const SITE = 'https://candor.example'
const FALLBACK = '/app'

describe('safeNext', () => {
  it.each([
    ['/w/acme/settings', '/w/acme/settings'],
    ['/w/acme/members?role=admin#invite', '/w/acme/members?role=admin#invite'],
    ['/account/security', '/account/security'],
    // An encoded slash or tab stays part of one path segment: the browser asks this site for it.
    ['/%2F%2Fevil.test', '/%2F%2Fevil.test'],
    ['/%09/evil.test', '/%09/evil.test'],
    ['/%5Cevil.test', '/%5Cevil.test'],
  ])('keeps the path on this site %j → %j', (value, expected) => {
    expect(safeNext(value, FALLBACK)).toBe(expected)
  })

  it.each([
    // The probe's: /account/confirm?next=%2F%09%2Fevil.test%2Fphish, decoded by the query parser.
    '/\t/evil.test/phish',
    '//evil.test',
    '//evil.test/phish',
    '///evil.test',
    '/\\evil.test',
    '\\\\evil.test',
    '\\/evil.test',
    '/\\/evil.test',
    '\t//evil.test',
    '/\n/evil.test',
    '/\r\n/evil.test',
    ' //evil.test',
    '\u0000//evil.test',
    '/.//evil.test',
    '/./\\evil.test',
    'https://evil.test',
    'https:evil.test',
    'http://evil.test/phish',
    'HTTPS://evil.test',
    'https://candor.example@evil.test',
    '//candor.example@evil.test',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'mailto:eve@evil.test',
    'ftp://evil.test',
    '//[::1]',
    '//127.0.0.1',
    'http://[',
    '',
    '   ',
    undefined,
    null,
    42,
    ['/w/acme'],
  ])('refuses %j: the fallback, on this site', (value) => {
    const next = safeNext(value, FALLBACK)
    expect(next).toBe(FALLBACK)
  })

  it.each(['/\t/evil.test/phish', '//evil.test', '/\\evil.test', '\t/evil', '/%09/evil', 'https://evil', 'javascript:alert(1)', '/%2F%2Fevil', '/.//evil', 'evil.test', '../../evil', '?next=//evil', '#//evil'])(
    'whatever it answers for %j, the browser stays on this site',
    (value) => {
      const next = safeNext(value, FALLBACK)
      expect(new URL(next, SITE).origin).toBe(SITE)
      expect(new URL(next, `${SITE}/account/confirm`).origin).toBe(SITE)
      expect(next.startsWith('/')).toBe(true)
    },
  )
})
