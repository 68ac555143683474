// The proposed dataset map of the twelve-table customer schema, column by column: what is found
// as an identity, the category guessed, the strategy proposed, and which tables are included.
import { describe, expect, it } from 'vitest'
import { CUSTOMER_CATALOG } from '../../../../tests/support/customer-catalog'
import { datasetMapSchema } from '../dataset-map'
import type { Catalog } from './catalog'
import { LEFT_OUT, NOT_PERSONAL, columnsNeedingGround, guessCategory, proposeMap } from './propose-map'

const map = proposeMap(CUSTOMER_CATALOG)
const column = (table: string, name: string) => {
  const found = map.tables.find((t) => t.name === table)?.columns.find((c) => c.name === name)
  if (!found) throw new Error(`${table}.${name} is not in the proposal`)
  return found
}

describe('the proposal for the customer schema', () => {
  it.each([
    // table, column, identity, category, strategy
    ['users', 'id', 'user_id', 'identifier', 'keep'],
    ['users', 'email', 'email', 'contact', 'hash'],
    ['users', 'full_name', null, 'name', 'null'],
    ['users', 'phone', 'phone', 'contact', 'null'],
    ['users', 'date_of_birth', null, 'date_of_birth', 'null'],
    ['users', 'referred_by', null, 'identifier', 'null'],
    ['users', 'created_at', null, null, 'keep'],
    ['organisations', 'name', null, null, 'keep'],
    ['organisations', 'billing_email', 'email', 'contact', 'hash'],
    ['organisations', 'owner_user_id', 'user_id', 'identifier', 'null'],
    ['memberships', 'user_id', 'user_id', 'identifier', 'delete_row'],
    ['memberships', 'role', null, null, 'delete_row'],
    ['addresses', 'user_id', 'user_id', 'identifier', 'delete_row'],
    ['addresses', 'street', null, 'location', 'delete_row'],
    ['addresses', 'postal_code', null, 'location', 'delete_row'],
    ['orders', 'user_id', 'user_id', 'identifier', 'keep'],
    ['orders', 'total_cents', null, null, 'keep'],
    ['order_items', 'quantity', null, null, 'keep'],
    ['invoices', 'billed_name', null, 'name', 'mask'],
    ['support_tickets', 'requester_email', 'email', 'contact', 'hash'],
    ['support_tickets', 'subject', null, 'free_text', 'mask'],
    ['support_tickets', 'body', null, 'free_text', 'null'],
    ['ticket_comments', 'author_user_id', 'user_id', 'identifier', 'delete_row'],
    ['ticket_comments', 'body', null, 'free_text', 'delete_row'],
    ['events', 'user_id', 'user_id', 'identifier', 'delete_row'],
    ['events', 'ip_address', null, 'online_identifier', 'delete_row'],
    ['newsletter_signups', 'email', 'email', 'contact', 'delete_row'],
    ['products', 'name', null, null, 'keep'],
  ] as const)('%s.%s: identity %s, category %s, strategy %s', (table, name, identity, category, strategy) => {
    expect(column(table, name)).toMatchObject({ identity, category, strategy })
  })

  it('includes every table reached from an identity column, and leaves products out', () => {
    expect(map.tables.filter((t) => !t.included).map((t) => t.name)).toEqual(['products'])
    expect(map.tables).toHaveLength(12)
  })

  it('never keeps a personal column without a ground typed by a member: the keys that cannot change wait for one', () => {
    expect(columnsNeedingGround(map)).toEqual([
      { table: 'public.orders', column: 'user_id' },
      { table: 'public.users', column: 'id' },
    ])
    for (const table of map.tables) {
      for (const c of table.columns.filter((c) => c.strategy === 'keep' && c.keepReason)) {
        expect(c.category ?? c.identity, `${table.name}.${c.name}`).toBeNull()
        expect([NOT_PERSONAL, LEFT_OUT]).toContain(c.keepReason)
      }
    }
  })

  it('becomes a valid map once the grounds are given, with every foreign key as a reference', () => {
    const reviewed = structuredClone(map)
    for (const { table, column } of columnsNeedingGround(map)) {
      reviewed.tables.find((t) => `${t.schema}.${t.name}` === table)!.columns.find((c) => c.name === column)!.keepReason = 'Orders are kept 10 years (HGB §257).'
    }
    expect(datasetMapSchema.safeParse(map).success).toBe(false)
    expect(datasetMapSchema.parse(reviewed).references).toHaveLength(CUSTOMER_CATALOG.foreignKeys.length)
    expect(reviewed.references).toContainEqual({
      from: { schema: 'public', table: 'memberships', columns: ['user_id'] },
      to: { schema: 'public', table: 'users', columns: ['id'] },
      source: 'foreign_key',
    })
  })

  it('keeps composite keys and tables without a primary key as they are', () => {
    expect(map.tables.find((t) => t.name === 'order_items')!.primaryKey).toEqual(['order_id', 'line_no'])
    expect(map.tables.find((t) => t.name === 'events')!.primaryKey).toEqual([])
  })
})

describe('categories from names and types', () => {
  it.each([
    ['contact_email', 'text', 'contact'],
    ['email', 'citext', 'contact'],
    ['work_address', 'email_address', 'contact'],
    ['mobile', 'text', 'contact'],
    ['last_seen_from', 'inet', 'online_identifier'],
    ['user_agent', 'text', 'online_identifier'],
    ['dob', 'date', 'date_of_birth'],
    ['zip', 'text', 'location'],
    ['position', 'point', 'location'],
    ['iban', 'text', 'financial'],
    ['card_last4', 'text', 'financial'],
    ['passport_no', 'text', 'identifier'],
    ['first_name', 'character varying(100)', 'name'],
    ['notes', 'text', 'free_text'],
    ['product_name', 'text', null],
    ['notes', 'integer', null],
    ['status', 'text', null],
    ['created_at', 'timestamp with time zone', null],
  ])('%s (%s): %s', (name, type, category) => {
    expect(guessCategory({ name, type }, false)?.category ?? null).toBe(category)
  })

  it('reads a bare "name" as a person’s name only in a person table', () => {
    expect(guessCategory({ name: 'name', type: 'text' }, true)?.category).toBe('name')
    expect(guessCategory({ name: 'name', type: 'text' }, false)).toBeNull()
  })
})

describe('other shapes', () => {
  it('finds a customers table by its key and follows a schema other than public', () => {
    const catalog: Catalog = {
      tables: [
        { schema: 'shop', name: 'customers', primaryKey: ['customer_id'], columns: [{ name: 'customer_id', type: 'uuid', nullable: false }] },
        { schema: 'shop', name: 'carts', primaryKey: ['id'], columns: [{ name: 'id', type: 'uuid', nullable: false }, { name: 'customer_id', type: 'uuid', nullable: true }] },
        { schema: 'shop', name: 'cart_lines', primaryKey: [], columns: [{ name: 'cart_id', type: 'uuid', nullable: false }, { name: 'sku', type: 'text', nullable: false }] },
      ],
      foreignKeys: [
        { from: { schema: 'shop', table: 'carts', columns: ['customer_id'] }, to: { schema: 'shop', table: 'customers', columns: ['customer_id'] } },
        { from: { schema: 'shop', table: 'cart_lines', columns: ['cart_id'] }, to: { schema: 'shop', table: 'carts', columns: ['id'] } },
      ],
    }
    const proposed = proposeMap(catalog)
    expect(proposed.tables.map((t) => [t.name, t.included])).toEqual([['customers', true], ['carts', true], ['cart_lines', true]])
    expect(proposed.tables[1]!.columns[1]).toMatchObject({ identity: 'user_id', strategy: 'null' })
  })

  it('proposes nothing as identity in a schema without people', () => {
    const proposed = proposeMap({ tables: [{ schema: 'public', name: 'products', primaryKey: ['id'], columns: [{ name: 'id', type: 'bigint', nullable: false }] }], foreignKeys: [] })
    expect(proposed.tables[0]).toMatchObject({ included: false })
    expect(datasetMapSchema.safeParse(proposed).success).toBe(false)
  })
})
