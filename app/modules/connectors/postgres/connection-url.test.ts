import { describe, expect, it } from 'vitest'
import { ConnectionUrlError, readConnectionUrl } from './connection-url'

describe('readConnectionUrl', () => {
  it('splits the settings from the password', () => {
    expect(readConnectionUrl('postgresql://candor_privacy:s%40cret@db.example.com:6543/shop?sslmode=require')).toEqual({
      settings: { host: 'db.example.com', port: 6543, database: 'shop', user: 'candor_privacy', tls: 'require' },
      password: 's@cret',
    })
  })

  it('leaves out what the URL does not say, so the form’s defaults apply', () => {
    expect(readConnectionUrl('postgres://app@[::1]/db')).toEqual({ settings: { host: '[::1]', database: 'db', user: 'app' }, password: null })
  })

  it.each([
    ['mysql://a@b/c', 'A connection URL starts with postgres:// or postgresql://.'],
    ['not a url', 'This is not a connection URL: it looks like postgres://user@host:5432/database.'],
    ['postgres://a@b/c?sslmode=prefer', 'sslmode=prefer is not offered: choose verify-full, require or disable.'],
    ['postgres://a%ZZ@b/c', 'The URL has a broken %-escape.'],
  ])('refuses %s', (url, message) => {
    expect(() => readConnectionUrl(url)).toThrow(new ConnectionUrlError(message))
  })
})
