// What goes wrong with a customer's Postgres database, as staff see it on the task: the job
// (runTaskJob, as pg-boss calls it) records a sentence, and the customer's database is left as
// it was. Last, an erasure killed with SIGKILL in the middle of its transaction.
import { spawn } from 'node:child_process'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTaskJob } from '../../jobs/dsar-task'
import { changeConnectedSystem } from '~/modules/connectors/data-systems.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { TaskJob } from '~/modules/dsar/tasks.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { addCustomer, customerDatabases, REFUSED_LOGIN, UNKNOWN_ROLE } from '../support/customer-database'
import { customerMap } from '../support/customer-map'
import { rowsAt, withClient } from '../support/database-url'
import { eventually } from '../support/eventually'
import { freePort } from '../support/candor-server'
import { connectedPostgresSystem, taskFor, taskRow } from '../support/postgres-system'
import { settingsOf } from '../support/customer-connection'

const customerDatabase = customerDatabases()
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

/** A whole picture of the customer database, to show nothing changed. */
const snapshot = (url: string) =>
  rowsAt(
    url,
    `SELECT (SELECT json_agg(u ORDER BY id) FROM users u) AS users, (SELECT json_agg(e ORDER BY kind) FROM events e) AS events,
            (SELECT json_agg(t ORDER BY id) FROM support_tickets t) AS tickets, (SELECT json_agg(c ORDER BY id) FROM ticket_comments c) AS comments,
            (SELECT json_agg(s) FROM newsletter_signups s) AS signups, (SELECT json_agg(a ORDER BY id) FROM addresses a) AS addresses`,
  )

async function customerWithDana() {
  const url = await customerDatabase()
  await withClient(url, async (client) => {
    const olga = await addCustomer(client, 'olga@example.org', 'Olga Other')
    const dana = await addCustomer(client, 'dana@example.com')
    await client.query('UPDATE users SET referred_by = $1 WHERE id = $2', [dana, olga])
  })
  return url
}

/** Run the task as the dsar.task job does; the error it recorded on the task, or null. */
async function runAsJob(job: TaskJob): Promise<string | null> {
  await runTaskJob({ id: 'test', name: 'dsar.task', data: job } as PgBoss.Job<TaskJob>).catch(() => {})
  return (await taskRow(job.taskId)).last_error
}

describe('a Postgres task that cannot be done', () => {
  it('fails with words when no dataset map is saved yet', async () => {
    const url = await customerWithDana()
    const system = await connectedPostgresSystem(url, null)
    expect(await runAsJob(await taskFor(system, 'dana@example.com', 'erasure'))).toBe(
      'No dataset map is saved for Shop database: review and save the discovered map.',
    )
  })

  const faults: { name: string; change?: string; settings?: (url: string) => Promise<object>; secret?: string; error: string | RegExp }[] = [
    { name: 'a mapped table that no longer exists', change: 'ALTER TABLE invoices RENAME TO invoices_old', error: /The table public\.invoices in the dataset map no longer exists in the database: review the map\./ },
    { name: 'a mapped column that no longer exists', change: 'ALTER TABLE users DROP COLUMN date_of_birth', error: /The column public\.users\.date_of_birth in the dataset map no longer exists/ },
    { name: 'a column whose type changed', change: 'ALTER TABLE users ALTER COLUMN phone TYPE bytea USING phone::bytea', error: /public\.users\.phone is now of type bytea, the dataset map says text: review the map\./ },
    {
      name: 'wrong credentials',
      settings: async (url) => ({ ...settingsOf(url).settings, user: UNKNOWN_ROLE }),
      secret: 'not-the-password',
      error: new RegExp(`^Shop database: ${REFUSED_LOGIN.source.slice(1)}`),
    },
    {
      name: 'a host where nothing answers',
      settings: async (url) => ({ ...settingsOf(url).settings, port: await freePort() }),
      // A new port needs the password again (it is never sent to another address unasked).
      secret: 'the password, typed again',
      error: 'Shop database: Nothing answers on this host and port.',
    },
    {
      name: 'a customer trigger that puts the e-mail back (the check after erasing fails, everything rolls back)',
      change: `CREATE FUNCTION keep_email() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.email := OLD.email; RETURN NEW; END $$;
               CREATE TRIGGER keep_email BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION keep_email()`,
      error: /The check after erasing found the subject’s values still in public\.users\.email \(1 row\); public\.users \(email, full_name, phone, date_of_birth of the changed rows\) \(1 row\)\. Nothing was erased: review the map\./,
    },
  ]
  it.each(faults)('$name: the task says so and nothing is erased', async ({ change, settings, secret, error }) => {
    const url = await customerWithDana()
    if (change) await rowsAt(url, change)
    const system = await connectedPostgresSystem(url, customerMap())
    if (settings || secret) {
      const changed = settings ? { settings: await settings(url) } : {}
      await withTenant(system.scope, (tx) => changeConnectedSystem(tx, system.scope, system.systemId, { ...changed, ...(secret ? { secret } : {}) }))
    }
    const before = await snapshot(url)
    const job = await taskFor(system, 'dana@example.com', 'erasure')
    const recorded = await runAsJob(job)
    if (typeof error === 'string') expect(recorded).toBe(error)
    else expect(recorded).toMatch(error)
    expect((await taskRow(job.taskId)).state).toBe('running')
    expect(await snapshot(url)).toEqual(before)
  })

  it('a reference that cannot be cleared blocks the erasure, named in the message', async () => {
    const url = await customerWithDana()
    const map = customerMap({ deleteUsers: true })
    for (const column of map.tables.find((t) => t.name === 'orders')!.columns) if (column.strategy === 'delete_row') Object.assign(column, { strategy: 'keep', keepReason: 'Accounts.' })
    const system = await connectedPostgresSystem(url, map)
    const before = await snapshot(url)
    expect(await runAsJob(await taskFor(system, 'dana@example.com', 'erasure'))).toBe(
      'Shop database: Rows of public.orders point at rows of public.users being deleted, and their public.orders.user_id cannot be set to NULL: map public.orders to be erased with them, or keep public.users’s rows. Nothing was erased.',
    )
    expect(await snapshot(url)).toEqual(before)
  })

  it('a statement over the timeout is cancelled and nothing is erased', async () => {
    const url = await customerWithDana()
    const system = await connectedPostgresSystem(url, customerMap())
    await withTenant(system.scope, (tx) => changeConnectedSystem(tx, system.scope, system.systemId, { settings: { ...settingsOf(url).settings, statementTimeoutSeconds: 1 } }))
    const before = await snapshot(url)
    await withClient(url, async (holder) => {
      await holder.query('BEGIN')
      await holder.query(`SELECT * FROM newsletter_signups WHERE email = 'dana@example.com' FOR UPDATE`)
      expect(await runAsJob(await taskFor(system, 'dana@example.com', 'erasure'))).toBe(
        'Shop database: A statement took longer than the statement timeout and was cancelled; nothing was changed.',
      )
      await holder.query('ROLLBACK')
    })
    expect(await snapshot(url)).toEqual(before)
  })
})

describe('an erasure killed in the middle of its transaction', () => {
  it('leaves the customer database unchanged; the next run erases and records one receipt', async () => {
    const url = await customerWithDana()
    const system = await connectedPostgresSystem(url, customerMap({ deleteUsers: true }))
    const job = await taskFor(system, 'dana@example.com', 'erasure')
    const before = await snapshot(url)
    await withClient(url, async (holder) => {
      // Olga's row: the erasure clears her referred_by (Dana) late in its transaction, after
      // deleting Dana's events, tickets, orders … and waits here for the lock.
      await holder.query('BEGIN')
      await holder.query(`SELECT * FROM users WHERE email = 'olga@example.org' FOR UPDATE`)
      const child = spawn(process.execPath, ['node_modules/.bin/vite-node', '--config', 'vitest.config.ts', 'tests/support/child/run-task.ts', job.workspaceId, job.taskId], {
        env: process.env,
        stdio: 'ignore',
      })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // Polled on a connection of its own: inside a transaction pg_stat_activity stays as first read.
      await eventually(
        async () => {
          const rows = await rowsAt(
            url,
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'candor' AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "public"."users" c SET "referred_by" = NULL%'`,
          )
          return rows[0]!.n === 1
        },
        { timeoutMs: 60_000, intervalMs: 100, what: 'the erasure to wait for the lock on Olga’s row' },
      )
      child.kill('SIGKILL')
      await exited
      await holder.query('ROLLBACK')
    })
    await eventually(async () => (await rowsAt(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'candor'`))[0]!.n === 0, {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the killed connection to end',
    })
    expect(await snapshot(url)).toEqual(before)
    expect((await taskRow(job.taskId)).state).toBe('running')

    await runTask(job)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    expect(task.pending_receipt).toBeNull()
    const item = (what: string) => task.receipt.items.find((i: { what: string }) => i.what === what)?.count
    expect(item('public.users: rows deleted')).toBe(1)
    expect(item('public.events: rows deleted')).toBe(2)
    expect(item('public.users.referred_by: references to erased rows cleared')).toBe(1)
    const audits = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'request.task.erase' AND target_id = $1`, [job.taskId])
    expect(audits.rows[0].n).toBe(1)
    expect(await rowsAt(url, `SELECT email, referred_by FROM users`)).toEqual([{ email: 'olga@example.org', referred_by: null }])
  }, 120_000)
})
