// The reviewed dataset map of the customer schema (customer-database.ts), as a member would save
// it: users pseudonymised (their orders and invoices are kept for the accounts), everything else
// about them deleted. `deleteUsers` maps users, orders and invoices to delete_row instead.
import type { ColumnMap, DatasetMap, TableMap } from '~/modules/connectors/dataset-map'

type Column = Partial<ColumnMap> & Pick<ColumnMap, 'name' | 'type'>
const column = (c: Column): ColumnMap => ({ identity: null, category: null, strategy: 'keep', keepReason: 'Not personal data.', ...c })
const table = (name: string, primaryKey: string[], columns: Column[], included = true): TableMap => ({
  schema: 'public',
  name,
  primaryKey,
  included,
  columns: columns.map(column),
})
const ACCOUNTS = 'Accounting records: 10 years (HGB §257).'

export function customerMap(options: { deleteUsers?: boolean } = {}): DatasetMap {
  const del = options.deleteUsers ?? false
  const accounting = (c: Column): Column => (del ? { ...c, strategy: 'delete_row', keepReason: null } : { ...c, strategy: 'keep', keepReason: ACCOUNTS })
  return {
    tables: [
      table('organisations', ['id'], [
        { name: 'id', type: 'bigint' },
        { name: 'name', type: 'text' },
        { name: 'billing_email', type: 'text', identity: 'email', category: 'contact', strategy: 'null', keepReason: null },
        { name: 'owner_user_id', type: 'bigint' },
      ]),
      table('users', ['id'], [
        del
          ? { name: 'id', type: 'bigint', identity: 'user_id', category: 'identifier', strategy: 'delete_row', keepReason: null }
          : { name: 'id', type: 'bigint', identity: 'user_id', category: 'identifier', keepReason: 'Pseudonymous key: the kept orders point at it.' },
        { name: 'email', type: 'text', identity: 'email', category: 'contact', strategy: 'hash', keepReason: null },
        { name: 'full_name', type: 'text', category: 'identity', strategy: 'mask', keepReason: null },
        { name: 'phone', type: 'text', identity: 'phone', category: 'contact', strategy: 'null', keepReason: null },
        { name: 'date_of_birth', type: 'date', category: 'identity', strategy: 'null', keepReason: null },
        { name: 'referred_by', type: 'bigint' },
        { name: 'created_at', type: 'timestamp with time zone' },
      ]),
      table('memberships', ['user_id', 'organisation_id'], [
        { name: 'user_id', type: 'bigint', category: 'identifier', strategy: 'delete_row', keepReason: null },
        { name: 'organisation_id', type: 'bigint' },
        { name: 'role', type: 'text' },
      ]),
      table('addresses', ['id'], [
        { name: 'id', type: 'bigint' },
        { name: 'user_id', type: 'bigint' },
        { name: 'street', type: 'text', category: 'location', strategy: 'delete_row', keepReason: null },
        { name: 'city', type: 'text', category: 'location', strategy: 'delete_row', keepReason: null },
        { name: 'postal_code', type: 'text', category: 'location', strategy: 'delete_row', keepReason: null },
        { name: 'country', type: 'text', category: 'location', strategy: 'delete_row', keepReason: null },
      ]),
      table('orders', ['id'], [
        { name: 'id', type: 'bigint' },
        accounting({ name: 'user_id', type: 'bigint', category: 'identifier' }),
        { name: 'shipping_address_id', type: 'bigint' },
        accounting({ name: 'total_cents', type: 'integer', category: 'financial' }),
        { name: 'placed_at', type: 'timestamp with time zone' },
      ]),
      table('products', ['id'], [{ name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'price_cents', type: 'integer' }], false),
      table('order_items', ['order_id', 'line_no'], [
        { name: 'order_id', type: 'bigint' },
        { name: 'line_no', type: 'integer' },
        { name: 'product_id', type: 'bigint' },
        accounting({ name: 'quantity', type: 'integer', category: 'financial' }),
      ]),
      table('invoices', ['id'], [
        { name: 'id', type: 'bigint' },
        { name: 'order_id', type: 'bigint' },
        accounting({ name: 'billed_name', type: 'text', category: 'identity' }),
        accounting({ name: 'amount_cents', type: 'integer', category: 'financial' }),
      ]),
      table('support_tickets', ['id'], [
        { name: 'id', type: 'bigint' },
        { name: 'requester_email', type: 'text', identity: 'email', category: 'contact', strategy: 'delete_row', keepReason: null },
        { name: 'subject', type: 'text', category: 'content', strategy: 'delete_row', keepReason: null },
        { name: 'body', type: 'text', category: 'content', strategy: 'delete_row', keepReason: null },
        { name: 'opened_at', type: 'timestamp with time zone' },
      ]),
      table('ticket_comments', ['id'], [
        { name: 'id', type: 'bigint' },
        { name: 'ticket_id', type: 'bigint' },
        { name: 'author_user_id', type: 'bigint', identity: 'user_id', category: 'identifier', strategy: 'delete_row', keepReason: null },
        { name: 'body', type: 'text', category: 'content', strategy: 'delete_row', keepReason: null },
        { name: 'reply_to', type: 'bigint' },
      ]),
      table('events', [], [
        { name: 'user_id', type: 'bigint', identity: 'user_id', category: 'identifier', strategy: 'delete_row', keepReason: null },
        { name: 'kind', type: 'text', category: 'behaviour', strategy: 'delete_row', keepReason: null },
        { name: 'ip_address', type: 'inet', category: 'network', strategy: 'delete_row', keepReason: null },
        { name: 'occurred_at', type: 'timestamp with time zone' },
      ]),
      table('newsletter_signups', ['email'], [
        { name: 'email', type: 'text', identity: 'email', category: 'contact', strategy: 'delete_row', keepReason: null },
        { name: 'signed_up_at', type: 'timestamp with time zone' },
      ]),
    ],
    references: [
      ref('organisations', ['owner_user_id'], 'users', ['id']),
      ref('users', ['referred_by'], 'users', ['id']),
      ref('memberships', ['user_id'], 'users', ['id']),
      ref('memberships', ['organisation_id'], 'organisations', ['id']),
      ref('addresses', ['user_id'], 'users', ['id']),
      ref('orders', ['user_id'], 'users', ['id']),
      ref('orders', ['shipping_address_id'], 'addresses', ['id']),
      ref('order_items', ['order_id'], 'orders', ['id']),
      ref('order_items', ['product_id'], 'products', ['id']),
      ref('invoices', ['order_id'], 'orders', ['id']),
      ref('ticket_comments', ['ticket_id'], 'support_tickets', ['id']),
      ref('ticket_comments', ['author_user_id'], 'users', ['id']),
      ref('ticket_comments', ['reply_to'], 'ticket_comments', ['id']),
      ref('events', ['user_id'], 'users', ['id']),
    ],
  }
}

function ref(from: string, fromColumns: string[], to: string, toColumns: string[]) {
  return {
    from: { schema: 'public', table: from, columns: fromColumns },
    to: { schema: 'public', table: to, columns: toColumns },
    source: 'foreign_key' as const,
  }
}
