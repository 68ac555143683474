import { describe, expect, it } from 'vitest'
import { connectionFromForm, echoedValues } from './connection-form'

const fields = { name: 'Product database', host: 'db.example.com', port: '5432', database: 'shop', user: 'candor_privacy', tls: 'verify-full', password: 'pw' }

describe('connectionFromForm', () => {
  it('reads the fields, with the defaults for what is left empty', () => {
    expect(connectionFromForm({ ...fields, port: '', statementTimeoutSeconds: '' })).toEqual({
      ok: true,
      input: { name: 'Product database', settings: { host: 'db.example.com', port: 5432, database: 'shop', user: 'candor_privacy', tls: 'verify-full', statementTimeoutSeconds: 30 }, password: 'pw' },
    })
  })

  it('takes a URL over the fields and moves its password to the secret', () => {
    const read = connectionFromForm({ name: 'Shop', url: 'postgres://app:from%20url@10.0.0.5:6432/shop?sslmode=require', tls: 'verify-full' })
    expect(read).toEqual({ ok: true, input: { name: 'Shop', settings: expect.objectContaining({ host: '10.0.0.5', port: 6432, user: 'app', tls: 'require' }), password: 'from url' } })
    // A password typed in the form wins over the URL's.
    expect(connectionFromForm({ name: 'Shop', url: 'postgres://app:u@h/shop', password: 'typed' })).toMatchObject({ input: { password: 'typed' } })
  })

  it.each([
    [{ name: '' }, 'name', 'Name the database, e.g. “Product database”.'],
    [{ name: 'x'.repeat(101) }, 'name', 'Keep the name under 100 characters.'],
    [{ host: '' }, 'host', 'Enter the host name.'],
    [{ host: 'a\u0000b' }, 'host', 'The host name cannot contain control characters.'],
    [{ port: '99999999999999999999' }, 'port', 'The port is a whole number from 1 to 65535.'],
    [{ port: '70000' }, 'port', 'The port is a whole number from 1 to 65535.'],
    [{ port: 'abc' }, 'port', 'The port is a whole number from 1 to 65535.'],
    [{ statementTimeoutSeconds: '1e9' }, 'statementTimeoutSeconds', 'The statement timeout is a whole number of seconds from 1 to 600.'],
    [{ tls: 'prefer' }, 'tls', 'Choose a TLS mode: verify-full, require or disable.'],
    [{ url: 'mysql://x@y/z' }, 'url', 'A connection URL starts with postgres:// or postgresql://.'],
    [{ url: 'postgres://x@y/' + 'd'.repeat(64) }, 'url', 'The database name is at most 63 characters long.'],
    [{ password: 'a\u0007' }, 'password', 'The password cannot contain control characters.'],
  ])('refuses %o beside its field', (change, field, message) => {
    const read = connectionFromForm({ ...fields, ...change })
    expect(read.ok).toBe(false)
    expect(!read.ok && read.fieldErrors[field]).toBe(message)
  })
})

describe('echoedValues', () => {
  it('never shows a password back', () => {
    expect(echoedValues({ ...fields, url: 'postgres://app:secret@h/db' })).toEqual({
      name: 'Product database', host: 'db.example.com', port: '5432', database: 'shop', user: 'candor_privacy', tls: 'verify-full', url: 'postgres://app@h/db',
    })
    expect(echoedValues({ url: 'garbage:secret@x y' }).url).toBe('')
    expect(echoedValues({ url: 'postgres://h/db' }).url).toBe('postgres://h/db')
  })
})
