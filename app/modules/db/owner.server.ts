// A small pool that connects as the database owner, outside row-level security. Only for
// platform maintenance that has no tenant (readiness, the development mailbox, sweeps); never
// for a request's tenant data. See docs/decisions/002-owner-connection.md.
import pg from 'pg'
import { logLostConnections } from './lost-connections.server'

const globalForOwner = globalThis as unknown as { candorOwnerPool?: pg.Pool }

export function ownerPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  if (!globalForOwner.candorOwnerPool) {
    globalForOwner.candorOwnerPool = logLostConnections(new pg.Pool({ connectionString, max: 2, application_name: 'candor-owner' }), 'owner pool')
  }
  return globalForOwner.candorOwnerPool
}

export class OwnerCannotSeeRowsError extends Error {}

/**
 * Refuse to work blind: forced row-level security hides every tenant row from an owner that is
 * not a superuser unless the owner has its maintenance policies (migration
 * 20261123045000_owner_role_hardening, made for the role that ran it). Without this check a
 * maintenance command run as another role would find nothing to do and report success.
 */
export async function assertOwnerSeesEveryRow(pool: Pick<pg.Pool, 'query'> = ownerPool()): Promise<void> {
  const { rows } = await pool.query<{ role: string; table: string }>(
    `SELECT current_user AS role, c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity
        AND NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user)
        AND NOT EXISTS (
          SELECT 1 FROM pg_policy p, unnest(p.polroles) AS role_oid
           WHERE p.polrelid = c.oid AND p.polname = 'owner_maintenance'
             AND (role_oid = 0 OR pg_has_role(current_user, role_oid, 'USAGE')))
      ORDER BY c.relname`,
  )
  if (rows.length === 0) return
  throw new OwnerCannotSeeRowsError(
    `Row-level security hides the rows of ${rows.map((r) => r.table).join(', ')} from the role ` +
      `${rows[0]!.role}, so this command would see nothing. Run it with the DATABASE_URL of ` +
      'the role that ran the migrations (the owner of the tables).',
  )
}

export async function closeOwnerPool(): Promise<void> {
  const pool = globalForOwner.candorOwnerPool
  globalForOwner.candorOwnerPool = undefined
  await pool?.end()
}
