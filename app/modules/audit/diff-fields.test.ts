import { describe, expect, it } from 'vitest'
import { redactSecrets } from './changes'
import { SECRET_SHOWN_AS, diffFields, fieldName } from './diff-fields'

describe('fieldName', () => {
  it('writes a field’s key in words, initials in capitals', () => {
    expect(fieldName('requireTwoFactor')).toBe('Require two factor')
    expect(fieldName('ipAllowlist')).toBe('IP allowlist')
    expect(fieldName('dpa_template_url')).toBe('DPA template URL')
    expect(fieldName('state')).toBe('State')
  })
})

describe('diffFields', () => {
  it('shows a change as field, before and after', () => {
    expect(diffFields({ role: 'agent', email: 'a@b.example' }, { role: 'admin', email: 'a@b.example' })).toEqual([
      { field: 'Email', before: 'a@b.example', after: 'a@b.example' },
      { field: 'Role', before: 'agent', after: 'admin' },
    ])
  })

  it('shows a creation with nothing before and a deletion with nothing after', () => {
    expect(diffFields(null, { name: 'Deploy' })).toEqual([{ field: 'Name', before: null, after: 'Deploy' }])
    expect(diffFields({ name: 'Deploy' }, null)).toEqual([{ field: 'Name', before: 'Deploy', after: null }])
  })

  it('writes yes and no, lists of values joined, numbers as numbers and anything else as JSON', () => {
    expect(
      diffFields(
        { requireTwoFactor: false, ipAllowlist: [], limits: { a: 1 } },
        { requireTwoFactor: true, ipAllowlist: ['203.0.113.0/24', '198.51.100.7'], limits: { a: 2 }, count: 3 },
      ),
    ).toEqual([
      { field: 'Count', before: null, after: '3' },
      { field: 'IP allowlist', before: 'none', after: '203.0.113.0/24, 198.51.100.7' },
      { field: 'Limits', before: '{"a":1}', after: '{"a":2}' },
      { field: 'Require two factor', before: 'no', after: 'yes' },
    ])
  })

  it('never shows a secret: what the log redacted stays a marker', () => {
    const stored = redactSecrets({ webhookSecret: 'whsec_live_value', url: 'https://hooks.example' })
    const fields = diffFields(null, stored)
    expect(fields).toEqual([
      { field: 'URL', before: null, after: 'https://hooks.example' },
      { field: 'Webhook secret', before: null, after: SECRET_SHOWN_AS },
    ])
    expect(JSON.stringify(fields)).not.toContain('whsec_live_value')
  })

  it('shows nothing for an entry without a change', () => {
    expect(diffFields(null, null)).toEqual([])
    expect(diffFields({}, {})).toEqual([])
  })
})
