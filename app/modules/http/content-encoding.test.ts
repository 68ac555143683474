import { describe, expect, it } from 'vitest'
import { chooseEncoding } from './content-encoding'

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['zstd', 'identity'],
  ])('answers Accept-Encoding %j with %s', (header, encoding) => {
    expect(chooseEncoding(header, ['br', 'gzip'])).toBe(encoding)
  })

  it('only offers what is available', () => {
    expect(chooseEncoding('br, gzip', ['br', 'gzip'])).toBe('br')
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip')
    expect(chooseEncoding('br', ['gzip'])).toBe('identity')
    expect(chooseEncoding('br, gzip', [])).toBe('identity')
  })

  it('answers the same after many different headers (its memory of them is bounded)', () => {
    for (let i = 0; i < 200; i++) expect(chooseEncoding(`gzip;q=0.${(i % 9) + 1}, x-${i}`, ['br', 'gzip'])).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip')
  })

  it('sends identity when the client refuses everything (rather than a 406 nobody reads)', () => {
    expect(chooseEncoding('identity;q=0', ['br', 'gzip'])).toBe('identity')
    expect(chooseEncoding('*;q=0', ['br', 'gzip'])).toBe('identity')
  })
})
