import { describe, expect, it } from 'vitest'
import { REDACTED, describeChange, redactSecrets } from './changes'

describe('redactSecrets', () => {
  it('hides values whose key names a secret, at any depth', () => {
    expect(
      redactSecrets({
        name: 'Stripe',
        clientSecret: 'cs_123',
        credentials: { password: 'p', user: 'u' },
        keys: [{ apiKey: 'k', label: 'main' }],
        totpSecret: 'JBSWY3DP',
        tokenHash: 'abc',
      }),
    ).toEqual({
      name: 'Stripe',
      clientSecret: REDACTED,
      credentials: REDACTED,
      keys: [{ apiKey: REDACTED, label: 'main' }],
      totpSecret: REDACTED,
      tokenHash: REDACTED,
    })
  })
})

describe('describeChange', () => {
  it('keeps only the fields that changed', () => {
    expect(
      describeChange({ name: 'A', role: 'agent', slug: 's' }, { name: 'A', role: 'admin', slug: 's' }),
    ).toEqual({ before: { role: 'agent' }, after: { role: 'admin' } })
  })

  it('records that a secret changed without recording it', () => {
    expect(describeChange({ webhookSecret: 'old' }, { webhookSecret: 'new' })).toEqual({
      before: { webhookSecret: REDACTED },
      after: { webhookSecret: REDACTED },
    })
  })

  it('records a creation or a deletion whole (redacted)', () => {
    expect(describeChange(null, { email: 'a@b.example', password: 'x' })).toEqual({
      before: null,
      after: { email: 'a@b.example', password: REDACTED },
    })
    expect(describeChange({ id: '1' }, undefined)).toEqual({ before: { id: '1' }, after: null })
  })

  it('treats a field added or removed as changed', () => {
    expect(describeChange({ a: 1 }, { a: 1, b: 2 })).toEqual({ before: { b: null }, after: { b: 2 } })
  })
})
