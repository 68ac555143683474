// Applies prisma/migrations/*/migration.sql in name order, each in its own transaction, as the
// database owner. Applied migrations are recorded with a SHA-256 of their file; a file that
// changed after it was applied is refused, and so is a pending file with its own BEGIN or
// COMMIT. An advisory lock serialises concurrent starts.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { findTransactionControl } from './transaction-control'

export type Migration = { name: string; sql: string; checksum: string }
export type MigrationResult = { applied: string[]; alreadyApplied: number }

const LOCK_KEY = 'candor.migrations'
const TABLE = '_candor_migrations'

export class MigrationError extends Error {}

export async function readMigrations(dir = path.resolve('prisma/migrations')): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
        throw new MigrationError(
          `The migration folder ${name} has no migration.sql (in ${dir}). Add the file, or remove the folder.`,
        )
      })
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

/** Bring the database at `connectionString` up to date with `migrations`. */
export async function migrate(
  connectionString: string,
  migrations: Migration[],
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString })
  // A lost connection also rejects the query in flight, which reports it; unheard, this event
  // would crash the process instead.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK_KEY])
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         name text PRIMARY KEY,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    )
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM ${TABLE}`,
    )
    const applied = new Map(rows.map((row) => [row.name, row.checksum]))
    checkHistory(applied, migrations)

    const pending = migrations.filter((migration) => !applied.has(migration.name))
    refuseTransactionControl(pending)
    for (const migration of pending) {
      try {
        await client.query('BEGIN')
        await client.query(migration.sql)
        await client.query(`INSERT INTO ${TABLE} (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ])
        await client.query('COMMIT')
      } catch (error) {
        // If the connection is gone, ROLLBACK fails too; the migration's own error is the news.
        await client.query('ROLLBACK').catch(() => {})
        throw new MigrationError(
          `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        )
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: applied.size }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_KEY]).catch(() => {})
    await client.end()
  }
}

/** Each migration already runs in one transaction: its own COMMIT would commit half of it. */
function refuseTransactionControl(pending: Migration[]): void {
  for (const migration of pending) {
    const statement = findTransactionControl(migration.sql)
    if (statement) {
      throw new MigrationError(
        `Migration ${migration.name} contains "${statement}". Each migration runs in a transaction of its ` +
          'own: remove its BEGIN, COMMIT or ROLLBACK statements. Nothing was applied.',
      )
    }
  }
}

function checkHistory(applied: Map<string, string>, migrations: Migration[]): void {
  const known = new Map(migrations.map((m) => [m.name, m.checksum]))
  for (const [name, checksum] of applied) {
    const current = known.get(name)
    if (current === undefined) {
      throw new MigrationError(
        `Migration ${name} is applied to the database but its folder is missing from prisma/migrations. ` +
          'Is this an older version of Candor than the one that migrated the database?',
      )
    }
    if (current !== checksum) {
      throw new MigrationError(
        `Migration ${name} was edited after it was applied (checksum differs). ` +
          'Applied migrations must not change: restore the file and add a new migration instead.',
      )
    }
  }
}

type Query = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>

/** Names of migrations in `migrations` not yet applied (for readiness checks). */
export async function pendingMigrations(query: Query, migrations: Migration[]): Promise<string[]> {
  const exists = await query('SELECT to_regclass($1) IS NOT NULL AS ok', [TABLE])
  if (!exists.rows[0]?.ok) return migrations.map((m) => m.name)
  const { rows } = await query(`SELECT name FROM ${TABLE}`)
  const applied = new Set(rows.map((row) => row.name))
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
}
