// The catalogue that catalog.server.ts reads from the customer schema of customer-database.ts,
// kept here so the pure modules' unit tests need no database; tests/integration/
// postgres-discovery.test.ts proves it is still what a real read of that schema gives.
import type { Catalog } from '~/modules/connectors/postgres/catalog'

const col = (name: string, type: string, nullable = false) => ({ name, type, nullable })

export const CUSTOMER_CATALOG: Catalog = {
  tables: [
    { schema: 'public', name: 'addresses', primaryKey: ['id'], columns: [col('id', 'bigint'), col('user_id', 'bigint'), col('street', 'text', true), col('city', 'text', true), col('postal_code', 'text', true), col('country', 'text', true)] },
    { schema: 'public', name: 'events', primaryKey: [], columns: [col('user_id', 'bigint', true), col('kind', 'text'), col('ip_address', 'inet', true), col('occurred_at', 'timestamp with time zone')] },
    { schema: 'public', name: 'invoices', primaryKey: ['id'], columns: [col('id', 'bigint'), col('order_id', 'bigint'), col('billed_name', 'text'), col('amount_cents', 'integer')] },
    { schema: 'public', name: 'memberships', primaryKey: ['user_id',  'organisation_id'], columns: [col('user_id', 'bigint'), col('organisation_id', 'bigint'), col('role', 'text')] },
    { schema: 'public', name: 'newsletter_signups', primaryKey: ['email'], columns: [col('email', 'text'), col('signed_up_at', 'timestamp with time zone')] },
    { schema: 'public', name: 'order_items', primaryKey: ['order_id',  'line_no'], columns: [col('order_id', 'bigint'), col('line_no', 'integer'), col('product_id', 'bigint'), col('quantity', 'integer')] },
    { schema: 'public', name: 'orders', primaryKey: ['id'], columns: [col('id', 'bigint'), col('user_id', 'bigint'), col('shipping_address_id', 'bigint', true), col('total_cents', 'integer'), col('placed_at', 'timestamp with time zone')] },
    { schema: 'public', name: 'organisations', primaryKey: ['id'], columns: [col('id', 'bigint'), col('name', 'text'), col('billing_email', 'text', true), col('owner_user_id', 'bigint', true)] },
    { schema: 'public', name: 'products', primaryKey: ['id'], columns: [col('id', 'bigint'), col('name', 'text'), col('price_cents', 'integer')] },
    { schema: 'public', name: 'support_tickets', primaryKey: ['id'], columns: [col('id', 'bigint'), col('requester_email', 'text'), col('subject', 'text'), col('body', 'text', true), col('opened_at', 'timestamp with time zone')] },
    { schema: 'public', name: 'ticket_comments', primaryKey: ['id'], columns: [col('id', 'bigint'), col('ticket_id', 'bigint'), col('author_user_id', 'bigint', true), col('body', 'text'), col('reply_to', 'bigint', true)] },
    { schema: 'public', name: 'users', primaryKey: ['id'], columns: [col('id', 'bigint'), col('email', 'text'), col('full_name', 'text', true), col('phone', 'text', true), col('date_of_birth', 'date', true), col('referred_by', 'bigint', true), col('created_at', 'timestamp with time zone')] },
  ],
  foreignKeys: [
    { from: { schema: 'public', table: 'addresses', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'events', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'invoices', columns: ['order_id'] }, to: { schema: 'public', table: 'orders', columns: ['id'] } },
    { from: { schema: 'public', table: 'memberships', columns: ['organisation_id'] }, to: { schema: 'public', table: 'organisations', columns: ['id'] } },
    { from: { schema: 'public', table: 'memberships', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'order_items', columns: ['order_id'] }, to: { schema: 'public', table: 'orders', columns: ['id'] } },
    { from: { schema: 'public', table: 'order_items', columns: ['product_id'] }, to: { schema: 'public', table: 'products', columns: ['id'] } },
    { from: { schema: 'public', table: 'orders', columns: ['shipping_address_id'] }, to: { schema: 'public', table: 'addresses', columns: ['id'] } },
    { from: { schema: 'public', table: 'orders', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'organisations', columns: ['owner_user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'ticket_comments', columns: ['author_user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
    { from: { schema: 'public', table: 'ticket_comments', columns: ['reply_to'] }, to: { schema: 'public', table: 'ticket_comments', columns: ['id'] } },
    { from: { schema: 'public', table: 'ticket_comments', columns: ['ticket_id'] }, to: { schema: 'public', table: 'support_tickets', columns: ['id'] } },
    { from: { schema: 'public', table: 'users', columns: ['referred_by'] }, to: { schema: 'public', table: 'users', columns: ['id'] } },
  ],
}
