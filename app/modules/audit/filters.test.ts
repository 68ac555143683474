import { describe, expect, it } from 'vitest'
import { filtersSearch, parseAuditFilters, parseAuditPageQuery } from './filters'

const query = (text: string) => new URLSearchParams(text)

describe('parseAuditPageQuery', () => {
  it('reads the filters and the keyset, ignoring empty fields and unknown parameters', () => {
    expect(parseAuditPageQuery(query('action=member.&actor=user&from=2026-11-01&to=2026-11-30&before=120&x=1'))).toEqual({
      success: true,
      data: { filters: { action: 'member.', actor: 'user', from: '2026-11-01', to: '2026-11-30' }, before: 120n },
    })
    expect(parseAuditPageQuery(query('action=&actor=&from=&to=&before='))).toEqual({ success: true, data: { filters: {} } })
  })

  it('names each bad value in plain words', () => {
    const parsed = parseAuditPageQuery(query('action=DROP TABLE&actor=robot&from=2026-02-30&to=yesterday&before=-1'))
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    expect(parsed.errors).toEqual({
      action: expect.stringContaining('member.invite'),
      actor: expect.stringContaining('Choose who acted'),
      from: 'The “from” date is not a day of the calendar.',
      to: expect.stringContaining('YYYY-MM-DD'),
      before: expect.stringContaining('entry number'),
    })
  })

  it('refuses a range that ends before it starts, and an entry number beyond bigint', () => {
    expect(parseAuditPageQuery(query('from=2026-11-02&to=2026-11-01'))).toEqual({
      success: false,
      errors: { to: 'The “from” date must not be after the “to” date.' },
    })
    expect(parseAuditPageQuery(query('before=99999999999999999999')).success).toBe(false)
  })
})

describe('the person and object filters', () => {
  const person = '6f1c2a4e-2b7d-4c39-9a55-0d6c1f0e8b11'

  it('reads a person as a user id and an object as a target type', () => {
    expect(parseAuditPageQuery(query(`person=${person}&object=privacy_request`))).toEqual({
      success: true,
      data: { filters: { person, object: 'privacy_request' } },
    })
  })

  it('answers anything else with a message', () => {
    const parsed = parseAuditPageQuery(query(`person=1 OR 1=1&object=${'x'.repeat(101)}`))
    expect(parsed).toEqual({
      success: false,
      errors: { person: 'Choose a person from the list.', object: 'The object type is too long.' },
    })
    expect(parseAuditFilters(query('object=Privacy request'))).toEqual({
      success: false,
      errors: { object: expect.stringContaining('Choose a kind of object') },
    })
  })
})

describe('parseAuditFilters', () => {
  it('takes the same filters and leaves the page keyset out', () => {
    expect(parseAuditFilters(query('action=audit.export&before=3'))).toEqual({
      success: true,
      data: { action: 'audit.export' },
    })
  })
})

describe('filtersSearch', () => {
  it('asks for the same filters, with extra parameters', () => {
    expect(filtersSearch({})).toBe('')
    expect(filtersSearch({ action: 'member.', from: '2026-11-01' }, { before: '51' })).toBe(
      '?action=member.&from=2026-11-01&before=51',
    )
  })
})
