// A small pool that connects as the database owner, outside row-level security. Only for
// platform maintenance that has no tenant (readiness, the development mailbox, sweeps); never
// for a request's tenant data. See docs/decisions/002-owner-connection.md.
import pg from 'pg'
import { errorFields, log } from '~/modules/observability/log.server'

const globalForOwner = globalThis as unknown as { candorOwnerPool?: pg.Pool }

export function ownerPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  if (!globalForOwner.candorOwnerPool) {
    const pool = new pg.Pool({ connectionString, max: 2, application_name: 'candor-owner' })
    // An idle connection closed by the server must not crash the process; the pool reconnects.
    pool.on('error', (error) => log('warn', 'owner pool connection lost', errorFields(error)))
    globalForOwner.candorOwnerPool = pool
  }
  return globalForOwner.candorOwnerPool
}

export async function closeOwnerPool(): Promise<void> {
  const pool = globalForOwner.candorOwnerPool
  globalForOwner.candorOwnerPool = undefined
  await pool?.end()
}
