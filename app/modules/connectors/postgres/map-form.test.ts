// The review form read back: the member's choices over the database's structure, each problem
// beside its field, a broken structure refused whole.
import { describe, expect, it } from 'vitest'
import { CUSTOMER_CATALOG } from '../../../../tests/support/customer-catalog'
import type { DatasetMap } from '../dataset-map'
import { columnField, mapFromForm, structureOf, tableField } from './map-form'
import { proposeMap } from './propose-map'

/** The form as the page renders it for `map`, every field filled as shown. */
function formOf(map: DatasetMap): Record<string, string> {
  const values: Record<string, string> = { structure: JSON.stringify(structureOf(map)) }
  map.tables.forEach((table, t) => {
    if (table.included) values[tableField(t)] = 'on'
    table.columns.forEach((column, c) => {
      values[columnField(t, c, 'identity')] = column.identity ?? ''
      values[columnField(t, c, 'category')] = column.category ?? ''
      values[columnField(t, c, 'strategy')] = column.strategy
      values[columnField(t, c, 'keepReason')] = column.keepReason ?? ''
    })
  })
  return values
}

const proposal = proposeMap(CUSTOMER_CATALOG)
const at = (table: string, column: string) => {
  const t = proposal.tables.findIndex((x) => x.name === table)
  return [t, proposal.tables[t]!.columns.findIndex((x) => x.name === column)] as const
}

describe('mapFromForm', () => {
  it('asks for the grounds the proposal leaves open, beside their fields', () => {
    const read = mapFromForm(formOf(proposal))
    expect(read.ok).toBe(false)
    expect(!read.ok && read.fieldErrors).toEqual({
      [columnField(...at('orders', 'user_id'), 'keepReason')]: 'A column that is kept needs the legal ground for keeping it.',
      [columnField(...at('users', 'id'), 'keepReason')]: 'A column that is kept needs the legal ground for keeping it.',
    })
  })

  it('gives the reviewed map once the member has chosen', () => {
    const values = formOf(proposal)
    values[columnField(...at('orders', 'user_id'), 'keepReason')] = 'Orders are kept 10 years (tax law).'
    values[columnField(...at('users', 'id'), 'strategy')] = 'delete_row'
    values[columnField(...at('support_tickets', 'subject'), 'strategy')] = 'null'
    delete values[tableField(at('events', 'user_id')[0])]
    const read = mapFromForm(values)
    if (!read.ok) throw new Error(JSON.stringify(read))
    expect(read.map.tables.find((t) => t.name === 'events')!.included).toBe(false)
    expect(read.map.tables.find((t) => t.name === 'support_tickets')!.columns.find((c) => c.name === 'subject')!.strategy).toBe('null')
    expect(read.map.references).toEqual(proposal.references)
  })

  it.each([
    ['strategy', 'shred', 'Choose what erasure does to this column.'],
    ['identity', 'passport', 'Choose how the subject is found by this column, or none.'],
    ['keepReason', 'x'.repeat(501), 'The ground for keeping is at most 500 characters long.'],
  ] as const)('refuses a %s of %s', (field, value, message) => {
    const values = formOf(proposal)
    values[columnField(...at('orders', 'user_id'), 'keepReason')] = 'Kept.'
    values[columnField(...at('users', 'id'), 'keepReason')] = 'Kept.'
    values[columnField(...at('users', 'email'), field)] = value
    const read = mapFromForm(values)
    expect(!read.ok && read.fieldErrors[columnField(...at('users', 'email'), field)]).toBe(message)
  })

  it('says when nothing identifies the subject any more', () => {
    const values = formOf(proposal)
    for (const key of Object.keys(values)) if (key.endsWith('.identity')) values[key] = ''
    const read = mapFromForm(values)
    expect(!read.ok && read.errors).toContain('The map needs at least one identity column (an e-mail, a user id …) in an included table.')
  })

  it.each([['not json'], [JSON.stringify({ tables: [{ schema: 'public' }] })], [JSON.stringify({ tables: 'x'.repeat(10), references: [] })]])('refuses a broken structure %#', (structure) => {
    expect(mapFromForm({ ...formOf(proposal), structure })).toEqual({ ok: false, draft: null, fieldErrors: {}, errors: ['The map form could not be read: reload the page and review it again.'] })
  })
})
