// A customer's product database, as Candor's Postgres connector meets it: twelve tables with
// the shapes that make traversal hard (a self-reference, a table without a primary key, a
// composite key, references in both directions, a cycle between users and organisations),
// created in a scratch database on the test's server (embedded or DATABASE_URL). Used by the
// connector's tests and by `npm run bench:connector` (which fills it with many customers).
import type pg from 'pg'
import { randomBytes } from 'node:crypto'
import { afterAll } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { databaseUrl, withClient } from './database-url'

export const CUSTOMER_SCHEMA = /* sql */ `
CREATE TABLE organisations (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  billing_email text,
  owner_user_id bigint
);
CREATE TABLE users (
  id          bigserial PRIMARY KEY,
  email       text NOT NULL UNIQUE,
  full_name   text,
  phone       text,
  date_of_birth date,
  referred_by bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE organisations ADD CONSTRAINT organisations_owner FOREIGN KEY (owner_user_id) REFERENCES users (id);
CREATE TABLE memberships (
  user_id     bigint NOT NULL REFERENCES users (id),
  organisation_id bigint NOT NULL REFERENCES organisations (id),
  role        text NOT NULL DEFAULT 'member',
  PRIMARY KEY (user_id, organisation_id)
);
CREATE TABLE addresses (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  street      text,
  city        text,
  postal_code text,
  country     text
);
CREATE TABLE orders (
  id          bigserial PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  shipping_address_id bigint REFERENCES addresses (id),
  total_cents integer NOT NULL,
  placed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE products (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  price_cents integer NOT NULL
);
CREATE TABLE order_items (
  order_id    bigint NOT NULL REFERENCES orders (id),
  line_no     integer NOT NULL,
  product_id  bigint NOT NULL REFERENCES products (id),
  quantity    integer NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE support_tickets (
  id          bigserial PRIMARY KEY,
  requester_email text NOT NULL,
  subject     text NOT NULL,
  body        text,
  opened_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ticket_comments (
  id          bigserial PRIMARY KEY,
  ticket_id   bigint NOT NULL REFERENCES support_tickets (id),
  author_user_id bigint REFERENCES users (id),
  body        text NOT NULL,
  reply_to    bigint REFERENCES ticket_comments (id)
);
-- No primary key: an append-only event log.
CREATE TABLE events (
  user_id     bigint REFERENCES users (id),
  kind        text NOT NULL,
  ip_address  inet,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE newsletter_signups (
  email       text PRIMARY KEY,
  signed_up_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE invoices (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES orders (id),
  billed_name text NOT NULL,
  amount_cents integer NOT NULL
);
CREATE INDEX ON orders (user_id);
CREATE INDEX ON addresses (user_id);
CREATE INDEX ON order_items (product_id);
CREATE INDEX ON ticket_comments (ticket_id);
CREATE INDEX ON ticket_comments (author_user_id);
CREATE INDEX ON ticket_comments (reply_to);
CREATE INDEX ON events (user_id);
CREATE INDEX ON support_tickets (requester_email);
CREATE INDEX ON memberships (organisation_id);
CREATE INDEX ON invoices (order_id);
CREATE INDEX ON users (referred_by);
CREATE INDEX ON organisations (owner_user_id);
`

/** One customer of the customer, with something in every table; returns their user id. */
export async function addCustomer(client: pg.Client, email: string, name = 'Dana Example'): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (email, full_name, phone, date_of_birth) VALUES ($1, $2, '+49 30 1234567', '1990-04-01') RETURNING id`,
    [email, name],
  )
  const userId = Number(rows[0]!.id)
  await client.query(
    `WITH org AS (INSERT INTO organisations (name, billing_email, owner_user_id) VALUES ($2 || '''s company', $3, $1) RETURNING id),
          m AS (INSERT INTO memberships (user_id, organisation_id, role) SELECT $1, id, 'owner' FROM org),
          a AS (INSERT INTO addresses (user_id, street, city, postal_code, country) VALUES ($1, '1 Example Street', 'Berlin', '10115', 'DE') RETURNING id),
          o AS (INSERT INTO orders (user_id, shipping_address_id, total_cents) SELECT $1, id, 4200 FROM a RETURNING id),
          p AS (INSERT INTO products (name, price_cents) VALUES ('Widget', 2100) RETURNING id),
          i AS (INSERT INTO order_items (order_id, line_no, product_id, quantity) SELECT o.id, 1, p.id, 2 FROM o, p),
          v AS (INSERT INTO invoices (order_id, billed_name, amount_cents) SELECT o.id, $2, 4200 FROM o),
          t AS (INSERT INTO support_tickets (requester_email, subject, body) VALUES ($3, 'Where is my order?', 'Hello, it has not arrived.') RETURNING id),
          c AS (INSERT INTO ticket_comments (ticket_id, author_user_id, body) SELECT t.id, $1, 'Any news?' FROM t RETURNING id, ticket_id),
          r AS (INSERT INTO ticket_comments (ticket_id, author_user_id, body, reply_to) SELECT c.ticket_id, NULL, 'On its way.', c.id FROM c),
          e AS (INSERT INTO events (user_id, kind, ip_address) VALUES ($1, 'sign_in', '203.0.113.7'), ($1, 'order_placed', '203.0.113.7'))
     INSERT INTO newsletter_signups (email) VALUES ($3)`,
    [userId, name, email],
  )
  return userId
}

/**
 * Scratch customer databases for a test file (dropped after it, with their roles): each call
 * creates one owned by a login role of its own with a password (as a real customer's database
 * is reached), with the schema above made as that role, and gives its URL with the role's
 * name and password.
 */
export function customerDatabases(): () => Promise<string> {
  const made: { database: string; role: string }[] = []
  afterAll(async () => {
    for (const { database, role } of made) {
      await ownerPool().query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await ownerPool().query(`DROP ROLE IF EXISTS "${role}"`)
    }
  })
  return async () => {
    const suffix = randomBytes(6).toString('hex')
    const database = `customer_db_${suffix}`
    const role = `customer_owner_${suffix}`
    const password = randomBytes(12).toString('hex')
    // CREATEROLE: the tests run the printed GRANT script as the database's owner would.
    await ownerPool().query(`CREATE ROLE "${role}" LOGIN CREATEROLE PASSWORD '${password}'`)
    made.push({ database, role })
    await ownerPool().query(`CREATE DATABASE "${database}" OWNER "${role}"`)
    const server = new URL(databaseUrl(process.env.DATABASE_URL!, database))
    server.username = role
    server.password = password
    const url = server.toString()
    await withClient(url, (client) => client.query(CUSTOMER_SCHEMA))
    return url
  }
}

/** Settings of a login that the server refuses whatever its authentication method (trust or password). */
export const UNKNOWN_ROLE = 'no_such_role_here'

/** What Candor says when the server refuses a login: the password (password authentication) or the role (trust). */
export const REFUSED_LOGIN = /^The database refused (the password for this user|this user \(check pg_hba\.conf and the user name\))\.$/
