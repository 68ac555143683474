// A query's result streamed out of PostgreSQL with COPY, for one workspace: the way to read a
// result too large to pass through Prisma (which makes an object of every row) or to page
// through (each keyset page of a large result walks the index again). It runs in a read-only
// transaction of its own, on a connection of its own, with row-level security exactly as
// withTenant sets it; a connection of its own, not one from the pool, so that a caller already
// holding a pooled connection can never wait on the pool for a second one.
// COPY takes no bind parameters: values reach the query as transaction settings (`app.*`),
// read back with current_setting(), never spliced into its text.
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { isUuid } from '~/modules/formats/uuid'
import { APP_ROLE, connectionString } from './client.server'

/** `settings` are transaction-local values the query reads with current_setting('app.<name>'). */
export async function* copyOutForWorkspace(workspaceId: string, copySql: string, settings: Record<string, string>): AsyncIterable<Buffer> {
  if (!isUuid(workspaceId)) throw new Error('copyOutForWorkspace needs a workspace id (uuid)')
  const names = Object.keys(settings)
  // Only names no row-level security policy reads (app.workspace_id, app.user_id … widen what a query sees).
  if (names.some((name) => !/^app\.copy_[a-z_]+$/.test(name))) throw new Error('copyOutForWorkspace: settings are app.copy_<name>')
  const client = new pg.Client({ connectionString: connectionString(), options: `-c role=${APP_ROLE}`, application_name: 'candor copy' })
  // A connection lost while idle between statements would otherwise end the process.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    // The role again, in the transaction: a DATABASE_URL with its own `options` would replace the
    // connection's. A lock wait ends after 5 s: the caller's transaction may hold a lock that a
    // migration waits for, with this query queued behind it, where PostgreSQL sees no deadlock.
    await client.query(`SET LOCAL ROLE ${APP_ROLE}`)
    await client.query(`SELECT set_config('lock_timeout', '5s', true), set_config('app.workspace_id', $1, true)${names.map((_, i) => `, set_config($${i * 2 + 2}, $${i * 2 + 3}, true)`).join('')}`, [
      workspaceId,
      ...names.flatMap((name) => [name, settings[name]]),
    ])
    for await (const chunk of client.query(copyTo(copySql))) yield chunk as Buffer
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
}
