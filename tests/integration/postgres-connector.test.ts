// The Postgres connector end to end: a privacy request's task run by the real runner (runTask,
// as the dsar.task job runs it) against a scratch customer database, checking the task, its
// receipt or collections, and the customer database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '~/modules/db/tenant.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { artifactKey, type CollectionArtifact } from '~/modules/dsar/task-artifacts.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { addCustomer, customerDatabases } from '../support/customer-database'
import { customerMap } from '../support/customer-map'
import { rowsAt, withClient } from '../support/database-url'
import { connectedPostgresSystem, taskFor, taskRow } from '../support/postgres-system'
import { storedRows } from '../support/collection-rows'

const customerDatabase = customerDatabases()
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

/** Everything an access task collected, per collection name. */
async function collected(workspaceId: string, taskId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const { artifact } = await taskRow(taskId)
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const collection of artifact.collections as CollectionArtifact[]) {
    const secret = await withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, (tx) => artifactKey(tx, workspaceId, collection))
    out[collection.name] = await storedRows(collection, secret)
  }
  return out
}

const counts = async (url: string) =>
  Object.fromEntries(
    (
      await rowsAt(
        url,
        `SELECT 'users' AS t, count(*)::int AS n FROM users UNION ALL SELECT 'orders', count(*)::int FROM orders UNION ALL SELECT 'events', count(*)::int FROM events
         UNION ALL SELECT 'memberships', count(*)::int FROM memberships UNION ALL SELECT 'addresses', count(*)::int FROM addresses UNION ALL SELECT 'tickets', count(*)::int FROM support_tickets
         UNION ALL SELECT 'comments', count(*)::int FROM ticket_comments UNION ALL SELECT 'signups', count(*)::int FROM newsletter_signups`,
      )
    ).map((r) => [r.t, r.n]),
  )

describe('an access request in a customer’s Postgres database', () => {
  it('collects exactly the subject’s rows, one collection per table, and none of another customer’s', async () => {
    const url = await customerDatabase()
    const subjectId = await withClient(url, async (client) => {
      await addCustomer(client, 'other@example.org', 'Olga Other')
      const id = await addCustomer(client, 'Dana@Example.com', 'Dana Example')
      // Olga was referred by Dana, and answers on Dana's ticket: Olga's user row is hers.
      await client.query('UPDATE users SET referred_by = $1 WHERE email = $2', [id, 'other@example.org'])
      await client.query('UPDATE organisations SET owner_user_id = $1 WHERE billing_email = $2', [id, 'other@example.org'])
      // More events than one FETCH brings: the cursor is read in batches.
      await client.query(`INSERT INTO events (user_id, kind, occurred_at) SELECT $1, 'page_view', now() - g * interval '1 minute' FROM generate_series(1, 2500) g`, [id])
      return id
    })
    const system = await connectedPostgresSystem(url, customerMap())
    const job = await taskFor(system, 'dana@example.com', 'access')
    await runTask(job)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    const rows = await collected(system.workspaceId, job.taskId)
    expect(Object.keys(rows).sort()).toEqual([
      'public.addresses',
      'public.events',
      'public.invoices',
      'public.memberships',
      'public.newsletter_signups',
      'public.order_items',
      'public.orders',
      'public.organisations',
      'public.support_tickets',
      'public.ticket_comments',
      'public.users',
    ])
    expect(rows['public.users']).toEqual([
      expect.objectContaining({ id: String(subjectId), email: 'Dana@Example.com', full_name: 'Dana Example', date_of_birth: '1990-04-01', referred_by: null }),
    ])
    expect(rows['public.organisations']!.map((r) => r.billing_email)).toEqual(['Dana@Example.com'])
    expect(rows['public.events']).toHaveLength(2502)
    expect(rows['public.events']!.filter((e) => e.kind === 'sign_in')).toEqual([
      { user_id: String(subjectId), kind: 'sign_in', ip_address: '203.0.113.7', occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) },
    ])
    expect(rows['public.ticket_comments']!.map((r) => r.body).sort()).toEqual(['Any news?', 'On its way.'])
    expect(rows['public.invoices']).toEqual([expect.objectContaining({ billed_name: 'Dana Example', amount_cents: 4200 })])
    expect(rows['public.order_items']).toEqual([expect.objectContaining({ line_no: 1, quantity: 2 })])
    expect(JSON.stringify(rows)).not.toMatch(/Olga|other@example/)
  })
})

describe('an erasure in a customer’s Postgres database', () => {
  it('erases as mapped, verifies before committing, catches rows added since the access, and a second run changes nothing', async () => {
    const url = await customerDatabase()
    const subjectId = await withClient(url, async (client) => {
      await addCustomer(client, 'other@example.org', 'Olga Other')
      return addCustomer(client, 'dana@example.com', 'Dana Example')
    })
    const system = await connectedPostgresSystem(url, customerMap())
    const access = await taskFor(system, 'dana@example.com', 'access')
    await runTask(access)
    expect((await collected(system.workspaceId, access.taskId))['public.events']).toHaveLength(2)
    // Added after the access: a ticket under another case of the e-mail, an event.
    await withClient(url, async (client) => {
      await client.query(`INSERT INTO support_tickets (requester_email, subject) VALUES ('DANA@example.com', 'Delete me')`)
      await client.query(`INSERT INTO events (user_id, kind) VALUES ($1, 'late')`, [subjectId])
    })
    const before = await counts(url)
    const job = await taskFor(system, 'dana@example.com', 'erasure')
    await runTask(job)
    const task = await taskRow(job.taskId)
    expect(task.last_error).toBeNull()
    expect(task.state).toBe('done')
    const receipt = task.receipt
    expect(receipt.mapVersion).toBe(1)
    expect(receipt.verification).toEqual({ checkedAt: expect.any(String), places: expect.any(Number), remaining: 0, passed: true })
    expect(receipt.verification.places).toBeGreaterThanOrEqual(7)
    const item = (what: string) => receipt.items.find((i: { what: string }) => i.what.startsWith(what))?.count
    expect(item('public.events: rows deleted')).toBe(3)
    expect(item('public.support_tickets: rows deleted')).toBe(2)
    expect(item('public.ticket_comments: rows deleted')).toBe(2)
    expect(item('public.users: rows de-identified')).toBe(1)
    expect(item('public.orders.shipping_address_id')).toBe(1)
    expect(receipt.kept).toEqual(
      expect.arrayContaining([{ what: 'public.invoices: billed_name, amount_cents', count: 1, why: 'Accounting records: 10 years (HGB §257).' }]),
    )
    const [user] = await rowsAt(url, `SELECT email, full_name, phone, date_of_birth FROM users WHERE id = ${subjectId}`)
    expect(user).toEqual({ email: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/), full_name: expect.stringMatching(/^erased-/), phone: null, date_of_birth: null })
    expect(await rowsAt(url, `SELECT count(*)::int AS n FROM events WHERE user_id = ${subjectId}`)).toEqual([{ n: 0 }])
    expect(await rowsAt(url, `SELECT count(*)::int AS n FROM support_tickets WHERE lower(requester_email) = 'dana@example.com'`)).toEqual([{ n: 0 }])
    // The other customer is untouched.
    const after = await counts(url)
    expect(after).toEqual({ ...before, events: before.events - 3, memberships: before.memberships - 1, addresses: before.addresses - 1, tickets: before.tickets - 2, comments: before.comments - 2, signups: before.signups - 1 })
    expect(await rowsAt(url, `SELECT full_name FROM users WHERE email = 'other@example.org'`)).toEqual([{ full_name: 'Olga Other' }])

    // Run again: nothing is found, nothing changes, zeros reported.
    const again = await taskFor(system, 'dana@example.com', 'erasure')
    await runTask(again)
    const second = await taskRow(again.taskId)
    expect(second.state).toBe('done')
    expect(second.receipt.items.every((i: { count: number }) => i.count === 0)).toBe(true)
    expect(second.receipt.verification.passed).toBe(true)
    expect(await counts(url)).toEqual(after)
  })

  it('deletes the subject’s user row and clears other people’s references to it (referred_by, reply_to)', async () => {
    const url = await customerDatabase()
    await withClient(url, async (client) => {
      const olga = await addCustomer(client, 'olga@example.org', 'Olga Other')
      const dana = await addCustomer(client, 'dana@example.com')
      await client.query('UPDATE users SET referred_by = $1 WHERE id = $2', [dana, olga])
      // Olga replies on her own ticket to a comment of Dana's.
      await client.query(
        `WITH d AS (INSERT INTO ticket_comments (ticket_id, author_user_id, body) SELECT id, $1, 'Me too' FROM support_tickets WHERE requester_email = 'olga@example.org' RETURNING id, ticket_id)
         INSERT INTO ticket_comments (ticket_id, author_user_id, body, reply_to) SELECT ticket_id, $2, 'Thanks', id FROM d`,
        [dana, olga],
      )
    })
    const system = await connectedPostgresSystem(url, customerMap({ deleteUsers: true }))
    const job = await taskFor(system, 'dana@example.com', 'erasure')
    await runTask(job)
    const task = await taskRow(job.taskId)
    expect(task.last_error).toBeNull()
    const item = (what: string) => task.receipt.items.find((i: { what: string }) => i.what.startsWith(what))?.count
    expect(item('public.users: rows deleted')).toBe(1)
    expect(item('public.users.referred_by')).toBe(1)
    expect(item('public.ticket_comments.reply_to')).toBe(1)
    expect(await rowsAt(url, `SELECT email, referred_by FROM users`)).toEqual([{ email: 'olga@example.org', referred_by: null }])
    expect(await rowsAt(url, `SELECT body, reply_to FROM ticket_comments ORDER BY id`)).toEqual([
      { body: 'Any news?', reply_to: null },
      { body: 'On its way.', reply_to: expect.any(String) },
      { body: 'Thanks', reply_to: null },
    ])
  })
})
