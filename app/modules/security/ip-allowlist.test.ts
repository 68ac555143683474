import { describe, expect, it } from 'vitest'
import { allowedByList, parseAllowlist } from './ip-allowlist'

describe('parseAllowlist', () => {
  it('reads addresses and ranges, one per line or comma-separated, with comments', () => {
    expect(parseAllowlist('203.0.113.0/24\n198.51.100.7 # office\n\n2001:DB8::/32, 192.0.2.1')).toEqual({
      entries: ['203.0.113.0/24', '198.51.100.7/32', '2001:db8::/32', '192.0.2.1/32'],
      errors: [],
    })
  })

  it.each([
    ['10.0.0.0/33'],
    ['10.0.0.0/4'],
    ['300.1.1.1'],
    ['example.com'],
    ['10.0.0.0/8/8'],
    ['2001:db8::/129'],
    ['10.0.0.0/x'],
  ])('refuses %s with a message naming it', (line) => {
    const { entries, errors } = parseAllowlist(line)
    expect(entries).toEqual([])
    expect(errors[0]).toContain(line)
  })

  it('keeps each entry once', () => {
    expect(parseAllowlist('192.0.2.1\n192.0.2.1/32').entries).toEqual(['192.0.2.1/32'])
  })
})

describe('allowedByList', () => {
  const list = ['203.0.113.0/24', '2001:db8::/32']
  it.each([
    ['203.0.113.9', true],
    ['203.0.114.1', false],
    ['::ffff:203.0.113.9', true],
    ['2001:db8:1::5', true],
    ['2001:db9::1', false],
    ['not an ip', false],
  ])('%s → %s', (ip, expected) => {
    expect(allowedByList(list, ip as string)).toBe(expected)
  })

  it('allows everyone when the list is empty', () => {
    expect(allowedByList([], '198.51.100.1')).toBe(true)
  })
})
