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
  if (names.some((name) => !/^app\.[a-z_]+$/.test(name) || name === 'app.workspace_id')) throw new Error('copyOutForWorkspace: settings are app.<name>')
  const client = new pg.Client({ connectionString: connectionString(), options: `-c role=${APP_ROLE}` })
  // A connection lost while idle between statements would otherwise end the process.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    await client.query(`SELECT set_config('app.workspace_id', $1, true)${names.map((_, i) => `, set_config($${i * 2 + 2}, $${i * 2 + 3}, true)`).join('')}`, [
      workspaceId,
      ...names.flatMap((name) => [name, settings[name]]),
    ])
    for await (const chunk of client.query(copyTo(copySql))) yield chunk as Buffer
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
}
