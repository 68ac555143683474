// Restore a catalogued backup into an empty database (npm run backup:restore): refuse a
// database that holds data, check the key before touching anything, apply the migrations up to
// the backup's schema version, then in ONE transaction stream every table back with COPY FROM,
// check the stored object's SHA-256, the AEAD of every record, every table's row count against
// the catalogue, re-create the foreign keys (which checks them) and verify every audit chain.
// Erasures completed after the backup are applied again in that same transaction
// (erasure-replay.server.ts, decision 021). Any failure rolls the data back; the database is
// left migrated and empty, to try again.
import { createHash } from 'node:crypto'
import { Transform, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type ChainReport, verifyAllChains } from '~/modules/audit/verify.server'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { chain } from '~/modules/storage/chain'
import { objectStore } from '~/modules/storage/object-store.server'
import { openBackup } from './backup-envelope.server'
import type { BackupPrivateKey } from './backup-keys.server'
import type { BackupRow } from './catalogue.server'
import { type ReplaySummary, replayErasures } from './erasure-replay.server'
import { FRAME, type Frame, type SequenceValue, type SnapshotHead, jsonOf, readFrames } from './snapshot-frames'
import { quoteName, snapshotTables } from './schema-shape.server'

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

    await migrate(into, upTo)
    await target.query('BEGIN')
    try {
      const rowCounts = await load(target, readFrames(plaintext), backup)
      const sha256 = hash.digest('hex')
      if (backup.sha256 !== null && sha256 !== backup.sha256) throw new Error(`the stored object's SHA-256 is ${sha256}, the catalogue's ${backup.sha256}.`)
      // Without the catalogue, the counts the backup's own frames gave (decision 021).
      await checkRowCounts(target, backup.rowCounts ? { counts: backup.rowCounts, by: 'the catalogue' } : { counts: rowCounts, by: 'the backup' })
      // Before the commit, so no one ever reads the restored data with an erasure undone.
      const erasures = await replayErasures(target, backup.id)
      const chains = await verifyAllChains(target)
      await target.query('COMMIT')
      const rows = Object.values(rowCounts).reduce((sum, n) => sum + n, 0)
      return { backupId: backup.id, schemaVersion: backup.schemaVersion!, rowCounts, rows, bytes, chains, chainsIntact: chains.every((c) => c.ok), erasures }
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

type ForeignKey = { table: string; name: string; definition: string }

/** Stream every table back; triggers and foreign keys are off meanwhile, RLS unforced for the owner. */
async function load(db: pg.Client, frames: AsyncGenerator<Frame>, backup: RestoreSource): Promise<Record<string, number>> {
  const shapes = new Map((await snapshotTables(db)).map((shape) => [shape.name, shape.columns.join(',')]))
  const { rows: foreignKeys } = await db.query<ForeignKey>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname`,
  )
  for (const fk of foreignKeys) await db.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteName(fk.name)}`)
  const { rows: forced } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relforcerowsecurity`,
  )
  // COPY FROM is refused where row-level security applies to the one copying; triggers (audit
  // chain heads, trust stamps) would change the rows being restored.
  for (const { name } of forced) await db.query(`ALTER TABLE ${quoteName(name)} NO FORCE ROW LEVEL SECURITY`)
  for (const name of shapes.keys()) await db.query(`ALTER TABLE ${quoteName(name)} DISABLE TRIGGER USER`)

  const rowCounts: Record<string, number> = {}
  let head: SnapshotHead | undefined
  let copy: (Writable & { rowCount: number }) | undefined
  let table = ''
  let done = false
  try {
  for await (const frame of frames) {
    if (done) throw new Error('the backup goes on after its end.')
    if (!head && frame.type !== FRAME.head) throw new Error('the backup does not start with its description.')
    switch (frame.type) {
      case FRAME.head:
        head = jsonOf<SnapshotHead>(frame)
        if (head.backupId !== backup.id || head.schemaVersion !== backup.schemaVersion) {
          throw new Error(`the object holds backup ${head.backupId} at ${head.schemaVersion}, not what the catalogue says.`)
        }
        break
      case FRAME.table: {
        const shape = jsonOf<{ table: string; columns: string[] }>(frame)
        table = shape.table
        if (shapes.get(table) !== shape.columns.join(',')) throw new Error(`the table ${table} does not have the columns the backup holds.`)
        copy = db.query(copyFrom(`COPY ${quoteName(table)} (${shape.columns.map(quoteName).join(', ')}) FROM STDIN`))
        // Its failure is read from `errored` (writeTo) and by `finished` at the table's end.
        copy.on('error', () => {})
        break
      }
      case FRAME.data:
        if (!copy) throw new Error('the backup holds rows outside a table.')
        await writeTo(copy, frame.payload)
        break
      case FRAME.end: {
        const { rows } = jsonOf<{ rows: number }>(frame)
        if (!copy) throw new Error('the backup ends a table it did not start.')
        copy.end()
        await finished(copy)
        if (copy.rowCount !== rows) throw new Error(`the table ${table} got ${copy.rowCount} rows back, the backup says ${rows}.`)
        rowCounts[table] = rows
        copy = undefined
        break
      }
      case FRAME.sequences:
        for (const sequence of jsonOf<SequenceValue[]>(frame)) {
          await db.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteName(sequence.name), sequence.value, sequence.isCalled])
        }
        break
      case FRAME.done:
        done = true
        break
    }
  }
  } catch (error) {
    // A COPY left open would hold the connection: end it (CopyFail) before the rollback.
    if (copy) {
      copy.destroy(error as Error)
      await finished(copy).catch(() => {})
    }
    throw error
  }
  if (!done) throw new Error('the backup was cut short.')

  for (const name of shapes.keys()) await db.query(`ALTER TABLE ${quoteName(name)} ENABLE TRIGGER USER`)
  for (const { name } of forced) await db.query(`ALTER TABLE ${quoteName(name)} FORCE ROW LEVEL SECURITY`)
  // Adding a foreign key checks every row against it.
  for (const fk of foreignKeys) await db.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteName(fk.name)} ${fk.definition}`)
  return rowCounts
}

/** Write to a COPY stream, waiting while its buffer is full; its failure rejects. */
async function writeTo(copy: Writable, chunk: Buffer): Promise<void> {
  if (copy.errored) throw copy.errored
  if (copy.write(chunk)) return
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error | null) => {
      copy.off('drain', drained).off('close', closed)
      if (error) reject(error)
      else resolve()
    }
    const drained = () => settle()
    const closed = () => settle(copy.errored ?? new Error('the COPY ended early.'))
    copy.once('drain', drained).once('close', closed)
  })
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
