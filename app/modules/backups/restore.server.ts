// Restore a catalogued backup into an empty database (npm run backup:restore): refuse a
// database that holds data, check the key before touching anything, apply the migrations up to
// the backup's schema version, then in ONE transaction stream every table back with COPY FROM
// and rebuild its indexes and constraints after the data (restore-load.server.ts), check the
// stored object's SHA-256, the AEAD of every record, every table's row count against the
// catalogue, and verify every audit chain. Erasures completed after the backup are applied
// again in that same transaction (erasure-replay.server.ts, decision 021). Any failure rolls
// the data back; the database is left migrated and empty, to try again.
import { createHash } from 'node:crypto'
import { Transform } from 'node:stream'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { type ChainReport, verifyAllChains } from '~/modules/audit/verify.server'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { chain } from '~/modules/storage/chain'
import { objectStore } from '~/modules/storage/object-store.server'
import { openBackup } from './backup-envelope.server'
import type { BackupPrivateKey } from './backup-keys.server'
import type { BackupRow } from './catalogue.server'
import { type ReplaySummary, replayErasures } from './erasure-replay.server'
import { type LoadResult, loadSnapshot } from './restore-load.server'
import { readFrames } from './snapshot-frames'
import { quoteName, snapshotTables } from './schema-shape.server'
import { timed } from './timed'

export class RestoreRefusedError extends Error {}

export type RestoreSummary = {
  backupId: string
  schemaVersion: string
  rowCounts: Record<string, number>
  rows: number
  bytes: number
  chains: ChainReport[]
  /** Every audit chain intact. */
  chainsIntact: boolean
  /** Erasures completed after the backup, applied again before the data could be used. */
  erasures: ReplaySummary
  /** Where the time went, phase by phase. */
  seconds: LoadResult['seconds'] & { migrate: number; counts: number; erasures: number; chains: number }
}

/**
 * What a restore needs to know of a backup: from the catalogue, or read from the object itself
 * when the catalogue is lost (stored-backups.server.ts), which leaves no SHA-256 or row counts
 * to compare with.
 */
export type RestoreSource = Pick<BackupRow, 'id' | 'objectKey' | 'keyId' | 'schemaVersion' | 'sha256' | 'rowCounts'>

export async function restoreBackup(backup: RestoreSource, into: string, keys: BackupPrivateKey[]): Promise<RestoreSummary> {
  const fail = (why: string, cause?: unknown) => new RestoreRefusedError(`Backup ${backup.id} was not restored: ${why}`, { cause })
  const migrations = await readMigrations()
  const upTo = migrations.filter((migration) => migration.name <= backup.schemaVersion!)
  if (upTo.at(-1)?.name !== backup.schemaVersion) {
    throw fail(`it was taken at schema version ${backup.schemaVersion}, which this version of Candor does not have.`)
  }
  const target = new pg.Client({ connectionString: into, application_name: 'candor-restore' })
  target.on('error', () => {})
  await target.connect()
  try {
    await refuseUnlessEmpty(target, upTo.map((m) => m.name))

    // The object, hashed as it is read; the key is checked before the database is touched.
    const hash = createHash('sha256')
    let bytes = 0
    const stored = chain(
      await objectStore().get(backup.objectKey),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          bytes += chunk.length
          done(null, chunk)
        },
      }),
    )
    const opened = await openBackup(stored, keys, backup.objectKey).catch((error: Error) => {
      stored.destroy()
      throw fail(error.message, error)
    })
    if (opened.keyId !== backup.keyId) {
      stored.destroy()
      throw fail(`the object names backup key ${opened.keyId}, the catalogue ${backup.keyId}: it was altered or replaced.`)
    }
    const plaintext = chain(chain(stored, opened.plaintext), createGunzip())

    const migration = await timed(() => migrate(into, upTo))
    await target.query('BEGIN')
    try {
      const { rowCounts, seconds } = await loadSnapshot(target, readFrames(plaintext), backup)
      const sha256 = hash.digest('hex')
      if (backup.sha256 !== null && sha256 !== backup.sha256) throw new Error(`the stored object's SHA-256 is ${sha256}, the catalogue's ${backup.sha256}.`)
      // Without the catalogue, the counts the backup's own frames gave (decision 021).
      const expected = backup.rowCounts ? { counts: backup.rowCounts, by: 'the catalogue' } : { counts: rowCounts, by: 'the backup' }
      const counts = await timed(() => checkRowCounts(target, expected))
      // Before the commit, so no one ever reads the restored data with an erasure undone.
      const replay = await timed(() => replayErasures(target, backup.id))
      const walk = await timed(() => verifyAllChains(target))
      const chains = walk.value
      await target.query('COMMIT')
      const rows = Object.values(rowCounts).reduce((sum, n) => sum + n, 0)
      return {
        backupId: backup.id,
        schemaVersion: backup.schemaVersion!,
        rowCounts,
        rows,
        bytes,
        chains,
        chainsIntact: chains.every((c) => c.ok),
        erasures: replay.value,
        seconds: { migrate: migration.seconds, ...seconds, counts: counts.seconds, erasures: replay.seconds, chains: walk.seconds },
      }
    } catch (error) {
      plaintext.destroy()
      await target.query('ROLLBACK').catch(() => {})
      throw fail((error as Error).message, error)
    }
  } finally {
    await target.end().catch(() => {})
  }
}

/**
 * A database with any row in it is refused. A database that only holds Candor's schema with no
 * rows (a restore that failed after migrating) is accepted when its migrations are a start of
 * the backup's.
 */
async function refuseUnlessEmpty(db: pg.Client, backupMigrations: string[]): Promise<void> {
  const refuse = (what: string) =>
    new RestoreRefusedError(
      `The target database is not empty (${what}). A backup is restored only into an empty database: create one (CREATE DATABASE …) and restore into it.`,
    )
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  )
  if (tables.length === 0) return
  const foreign = tables.find((t) => t.schema !== 'public')
  if (foreign) throw refuse(`it has the table ${foreign.schema}.${foreign.name}`)
  if (!tables.some((t) => t.name === '_candor_migrations')) throw refuse(`it has the table ${tables[0]!.name}`)
  const { rows: applied } = await db.query<{ name: string }>('SELECT name FROM _candor_migrations ORDER BY name')
  if (applied.some((row, index) => backupMigrations[index] !== row.name)) throw refuse('its schema is not the backup\'s')
  for (const table of tables) {
    if (table.name === '_candor_migrations') continue
    const { rows } = await db.query(`SELECT 1 FROM ${quoteName(table.name)} LIMIT 1`)
    if (rows.length) throw refuse(`the table ${table.name} has rows`)
  }
}

/** Every table's rows, counted in the restored database, against the expected counts; none missing, none extra. */
async function checkRowCounts(db: pg.Client, expected: { counts: Record<string, number>; by: string }): Promise<void> {
  const tables = (await snapshotTables(db)).map((t) => t.name)
  const names = new Set([...tables, ...Object.keys(expected.counts)])
  for (const name of names) {
    if (!tables.includes(name)) throw new Error(`${expected.by} counts rows of ${name}, a table the schema does not have.`)
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::float8 AS n FROM ${quoteName(name)}`)
    const count = expected.counts[name]
    if (count === undefined) throw new Error(`the table ${name} is not in the row counts of ${expected.by}.`)
    if (rows[0]!.n !== count) throw new Error(`the table ${name} has ${rows[0]!.n} rows, ${expected.by} says ${count}.`)
  }
}
