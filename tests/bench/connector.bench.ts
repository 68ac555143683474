// Benchmark: the Postgres connector on a customer database of CONNECTOR_BENCH_CUSTOMERS (default
// 1,000,000) customers, each with rows in all twelve tables (filled with INSERT … SELECT
// generate_series). Per round (CONNECTOR_BENCH_ROUNDS, default 5), for a customer picked at
// random: their access end to end through Candor (runTask of an access task: map, connection,
// traversal, cursors, the encrypted collections written) against hand-written SQL reading the
// same rows (a connection of its own, one repeatable-read transaction, the rows into memory);
// and another customer's erasure with its verification (runTask of an erasure task). `engine_ms`
// is the connector's own part of the access (connection, traversal, cursors; rows read, not
// stored), to tell it apart from the runner's (a short tenant transaction and an encrypted
// object per collection).
// The schema's own indexes are the fixture; the e-mail searches are case-insensitive, which no
// index of the schema serves: the dry run says so, and the figures are measured as the schema
// comes (`*_schema_as_is`) and again after adding the indexes the dry run names. One JSON line
// with medians: `npm run bench:connector`. Target: candor_ms / hand_sql_ms ≤ 2.
import pg from 'pg'
import { expect, it } from 'vitest'
import { collectSubjectRows } from '~/modules/connectors/postgres/access.server'
import { connectPostgres } from '~/modules/connectors/postgres/client.server'
import { dryRun } from '~/modules/connectors/postgres/dry-run.server'
import { planTraversal } from '~/modules/connectors/postgres/traversal-plan'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { median, printFigures } from '../support/bench-figures'
import { customerDatabases } from '../support/customer-database'
import { customerMap } from '../support/customer-map'
import { databaseUrl, withClient } from '../support/database-url'
import { connectedPostgresSystem, taskFor, taskRow } from '../support/postgres-system'
import { rowsOf } from '../support/collection-rows'
import { settingsOf } from '../support/customer-connection'

const CUSTOMERS = Number(process.env.CONNECTOR_BENCH_CUSTOMERS ?? 1_000_000)
const ROUNDS = Number(process.env.CONNECTOR_BENCH_ROUNDS ?? 5)
const customerDatabase = customerDatabases()

const emailOf = (n: number) => `customer-${n}@example.com`
const ms = (value: number) => Math.round(value * 10) / 10

/** Every customer n: a user, their organisation and membership, an address, an order with a line and an invoice, a ticket with two comments, two events, a sign-up. */
const FILL = (n: number) => /* sql */ `
SET session_replication_role = replica;
INSERT INTO users (id, email, full_name, phone, date_of_birth, referred_by)
  SELECT g, 'customer-' || g || '@example.com', 'Customer ' || g, '+49 30 ' || g, date '1970-01-01' + (g % 15000), CASE WHEN g % 10 = 0 THEN g - 1 END FROM generate_series(1, ${n}) g;
INSERT INTO organisations (id, name, billing_email, owner_user_id) SELECT g, 'Company ' || g, 'customer-' || g || '@example.com', g FROM generate_series(1, ${n}) g;
INSERT INTO memberships (user_id, organisation_id, role) SELECT g, g, 'owner' FROM generate_series(1, ${n}) g;
INSERT INTO addresses (id, user_id, street, city, postal_code, country) SELECT g, g, g || ' Example Street', 'Berlin', '10115', 'DE' FROM generate_series(1, ${n}) g;
INSERT INTO orders (id, user_id, shipping_address_id, total_cents) SELECT g, g, g, 4200 FROM generate_series(1, ${n}) g;
INSERT INTO products (id, name, price_cents) SELECT g, 'Product ' || g, 2100 FROM generate_series(1, 1000) g;
INSERT INTO order_items (order_id, line_no, product_id, quantity) SELECT g, 1, 1 + g % 1000, 2 FROM generate_series(1, ${n}) g;
INSERT INTO invoices (id, order_id, billed_name, amount_cents) SELECT g, g, 'Customer ' || g, 4200 FROM generate_series(1, ${n}) g;
INSERT INTO support_tickets (id, requester_email, subject, body) SELECT g, 'customer-' || g || '@example.com', 'Where is my order?', 'It has not arrived.' FROM generate_series(1, ${n}) g;
INSERT INTO ticket_comments (id, ticket_id, author_user_id, body, reply_to)
  SELECT g, g, g, 'Any news?', NULL FROM generate_series(1, ${n}) g UNION ALL SELECT ${n} + g, g, NULL, 'On its way.', g FROM generate_series(1, ${n}) g;
INSERT INTO events (user_id, kind, ip_address) SELECT g, k, '203.0.113.7' FROM generate_series(1, ${n}) g, unnest(ARRAY['sign_in', 'order_placed']) k;
INSERT INTO newsletter_signups (email) SELECT 'customer-' || g || '@example.com' FROM generate_series(1, ${n}) g;
RESET session_replication_role;
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM users) * 3)
  FROM unnest(ARRAY['users', 'organisations', 'addresses', 'orders', 'products', 'invoices', 'support_tickets', 'ticket_comments']) t;
ANALYZE;
`

/** The indexes the dry run asks for: the case-insensitive e-mail searches. */
const ADVISED_INDEXES = ['users (lower(email))', 'organisations (lower(billing_email))', 'support_tickets (lower(requester_email))', 'newsletter_signups (lower(email))']

/** The same rows as the connector reads, by hand: one transaction, each table's query written for this schema. */
async function handWritten(url: string, email: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let rows = 0
  const q = async (sql: string, params: unknown[]) => {
    const result = await client.query(sql, params)
    rows += result.rowCount ?? 0
    return result.rows
  }
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  const users = await q('SELECT * FROM users WHERE lower(email) = $1', [email])
  const orgs = await q('SELECT * FROM organisations WHERE lower(billing_email) = $1', [email])
  const tickets = await q('SELECT * FROM support_tickets WHERE lower(requester_email) = $1', [email])
  await q('SELECT * FROM newsletter_signups WHERE lower(email) = $1', [email])
  const userIds = users.map((u) => u.id)
  await q('SELECT * FROM memberships WHERE user_id = ANY($1) OR organisation_id = ANY($2)', [userIds, orgs.map((o) => o.id)])
  const addresses = await q('SELECT * FROM addresses WHERE user_id = ANY($1)', [userIds])
  const orders = await q('SELECT * FROM orders WHERE user_id = ANY($1) OR shipping_address_id = ANY($2)', [userIds, addresses.map((a) => a.id)])
  await q('SELECT * FROM order_items WHERE order_id = ANY($1)', [orders.map((o) => o.id)])
  await q('SELECT * FROM invoices WHERE order_id = ANY($1)', [orders.map((o) => o.id)])
  await q('SELECT * FROM ticket_comments WHERE ticket_id = ANY($1) OR author_user_id = ANY($2)', [tickets.map((t) => t.id), userIds])
  await q('SELECT * FROM events WHERE user_id = ANY($1)', [userIds])
  await client.query('COMMIT')
  await client.end()
  return rows
}

/** The engine alone: connect as the connector does, find and stream the rows, store nothing. */
async function engineOnly(url: string, email: string): Promise<number> {
  const { settings, password } = settingsOf(url)
  const client = await connectPostgres(settings, password)
  let rows = 0
  await collectSubjectRows(client, planTraversal(customerMap()), email, async (collection) => {
    for await (const _row of rowsOf(collection)) rows++
  })
  await client.end()
  return rows
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

it('measures one subject’s access and erasure in a database of many customers', async () => {
  await startQueue({ supervise: false })
  const url = await customerDatabase()
  // Filled as the server's owner: only a superuser may skip the foreign-key triggers while filling.
  const asOwner = databaseUrl(process.env.DATABASE_URL!, new URL(url).pathname.slice(1))
  const fillMs = await timed(() => withClient(asOwner, (client) => client.query(FILL(CUSTOMERS))))
  const system = await connectedPostgresSystem(url, customerMap())
  const used = new Set<number>()
  const pick = () => {
    for (;;) {
      const n = 1 + Math.floor(Math.random() * CUSTOMERS)
      if (!used.has(n)) return used.add(n), n
    }
  }

  async function measure() {
    const candor: number[] = []
    const hand: number[] = []
    const erasure: number[] = []
    const engine: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const email = emailOf(pick())
      const job = await taskFor(system, email, 'access')
      // Alternate who reads first, so neither always meets a warm cache.
      const first = round % 2 === 0
      let handRows = 0
      const handMs = first ? await timed(async () => (handRows = await handWritten(url, email))) : 0
      const candorMs = await timed(() => runTask(job))
      const handLater = first ? handMs : await timed(async () => (handRows = await handWritten(url, email)))
      const collections: { rows: number }[] = (await taskRow(job.taskId)).artifact.collections
      expect(collections.reduce((sum, c) => sum + c.rows, 0)).toBe(handRows)
      let engineRows = 0
      const engineMs = await timed(async () => (engineRows = await engineOnly(url, email)))
      expect(engineRows).toBe(handRows)
      const erase = await taskFor(system, emailOf(pick()), 'erasure')
      const eraseMs = await timed(() => runTask(erase))
      const receipt = (await taskRow(erase.taskId)).receipt
      expect(receipt.verification.passed).toBe(true)
      if (round === 0) continue // warm-up
      candor.push(candorMs)
      hand.push(handLater)
      erasure.push(eraseMs)
      engine.push(engineMs)
    }
    const candorMs = median(candor)
    const handMs = median(hand)
    return { candor_ms: ms(candorMs), hand_sql_ms: ms(handMs), ratio: Math.round((candorMs / handMs) * 100) / 100, erasure_ms: ms(median(erasure)), engine_ms: ms(median(engine)) }
  }

  const asIs = await measure()
  const { settings, password } = settingsOf(url)
  const dry = await dryRun({ settings, password, map: customerMap(), email: emailOf(pick()) })
  if (!dry.ok) throw new Error(dry.error)
  const advised = dry.report.notes.length
  await withClient(url, async (client) => {
    for (const index of ADVISED_INDEXES) await client.query(`CREATE INDEX ON ${index}`)
    await client.query('ANALYZE')
  })
  const indexed = await measure()
  await stopQueue({ graceMs: 0 })
  printFigures({
    bench: 'connector',
    customers: CUSTOMERS,
    rounds: ROUNDS,
    fill_s: Math.round(fillMs / 100) / 10,
    ...indexed,
    target_ratio: 2,
    dry_run_index_notes: advised,
    indexes_added: ADVISED_INDEXES,
    candor_ms_schema_as_is: asIs.candor_ms,
    hand_sql_ms_schema_as_is: asIs.hand_sql_ms,
    ratio_schema_as_is: asIs.ratio,
    erasure_ms_schema_as_is: asIs.erasure_ms,
    engine_ms_schema_as_is: asIs.engine_ms,
  })
})
