// Before each test file: its own database, cloned from the migrated template, so files run in
// parallel without seeing each other's rows. Dropped after the file.
import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { afterAll, inject } from 'vitest'
import { disconnectDb } from '~/modules/db/client.server'
import { closeOwnerPool } from '~/modules/db/owner.server'
import { stopQueue } from '~/modules/jobs/queue.server'
import { databaseUrl, withClient } from '../support/database-url'

const serverUrl = inject('serverUrl')
const name = `candor_test_${randomBytes(6).toString('hex')}`

const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(serverUrl, work)

await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`))
process.env.DATABASE_URL = databaseUrl(serverUrl, name)

afterAll(async () => {
  await stopQueue({ graceMs: 1000 })
  await Promise.all([disconnectDb(), closeOwnerPool()])
  await admin(async (client) => {
    // Pools close their connections in the background (pg-boss after its stop). Give them a
    // moment: a connection terminated by FORCE while a client holds it is an 'error' event
    // that nobody listens to any more, and it would fail the whole run.
    let lingering: string[] = []
    for (let waited = 0; waited < 15_000; waited += 100) {
      const { rows } = await client.query<{ app: string }>(
        'SELECT application_name AS app FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      )
      lingering = rows.map((row) => row.app || '(unnamed)')
      if (lingering.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // Which pool still held a connection after 15 s: FORCE ends it, and a client without an
    // 'error' listener would then fail the run (seen once in email-resend.test.ts).
    if (lingering.length > 0) console.warn(`connections still open to ${name} before it is dropped: ${lingering.join(', ')}`)
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
})
