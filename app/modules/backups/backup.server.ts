// One backup run (backup.run, npm run backup:run): every table of Candor's schema read with
// COPY inside one REPEATABLE READ READ ONLY transaction (one consistent snapshot), streamed as
// frames (snapshot-frames.ts) through gzip and the backup encryption (backup-envelope.server.ts)
// into the object store, hashed on the way; then catalogued as succeeded. Never whole in memory.
// Why COPY and not pg_dump, and what is left out: docs/decisions/018-backups.md.
import { createHash, randomUUID } from 'node:crypto'
import { PassThrough, Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { assertOwnerSeesEveryRow, ownerPool } from '~/modules/db/owner.server'
import { scrubText } from '~/modules/observability/scrub'
import { objectStore } from '~/modules/storage/object-store.server'
import { encryptBackup } from './backup-envelope.server'
import { backupPublicKey } from './backup-keys.server'
import { failAbandonedRuns, failCatalogueRow, finishCatalogueRow, startCatalogueRow } from './catalogue.server'
import { FRAME, type SequenceValue, type SnapshotHead, frame } from './snapshot-frames'
import { type TableShape, quoteName, snapshotSequences, snapshotTables } from './schema-shape.server'

/** Session-level advisory lock: one backup at a time, and a `running` row without it is dead. */
export const BACKUP_LOCK_KEY = 'candor.backup'
const DATA_FRAME_BYTES = 64 * 1024

export class BackupAlreadyRunningError extends Error {}

export type BackupResult = {
  id: string
  objectKey: string
  bytes: number
  sha256: string
  rowCounts: Record<string, number>
  schemaVersion: string
  snapshot: string
  keyId: string
  /** Earlier runs found dead and marked failed by this one. */
  abandoned: number
}

export type BackupOptions = {
  /** Between stages of the stream, for tests: make it fail part-way. */
  tap?: () => Transform
}

export async function runBackup(options: BackupOptions = {}): Promise<BackupResult> {
  const key = await backupPublicKey()
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  const client = new pg.Client({ connectionString, application_name: 'candor-backup' })
  // A lost connection also fails the query or COPY in flight, which reports it.
  client.on('error', () => {})
  await client.connect()
  let id: string | undefined
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [BACKUP_LOCK_KEY])
    if (!rows[0]!.locked) throw new BackupAlreadyRunningError('Another backup is running; this one was not started.')
    await assertOwnerSeesEveryRow(client)
    const abandoned = await failAbandonedRuns(client)
    id = randomUUID()
    const objectKey = `backups/${id}`
    await startCatalogueRow(client, { id, objectKey, keyId: key.id })
    const result = await writeSnapshot(client, { id, objectKey, encrypt: encryptBackup(key, objectKey), tap: options.tap })
    await finishCatalogueRow(client, id, result)
    return { id, objectKey, keyId: key.id, abandoned, ...result }
  } catch (error) {
    // Ending the session stops a COPY in flight, rolls the snapshot back and releases the lock.
    await client.end().catch(() => {})
    if (id) {
      await objectStore().delete(`backups/${id}`).catch(() => {})
      await failCatalogueRow(ownerPool(), id, scrubText((error as Error).message ?? String(error)).slice(0, 2000))
    }
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}

type SnapshotWrite = { id: string; objectKey: string; encrypt: [Transform, Transform]; tap?: () => Transform }

async function writeSnapshot(client: pg.Client, write: SnapshotWrite) {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  // The first query fixes the snapshot: everything below reads the database as of this moment.
  const position = await client.query<{ snapshot: string; version: string }>(
    'SELECT pg_current_snapshot()::text AS snapshot, (SELECT max(name) FROM _candor_migrations) AS version',
  )
  const { snapshot, version: schemaVersion } = position.rows[0]!
  const tables = await snapshotTables(client)
  const sequences = await snapshotSequences(client)
  const rowCounts: Record<string, number> = {}
  const head: SnapshotHead = { format: 1, backupId: write.id, schemaVersion, snapshot, tables: tables.map((t) => t.name) }

  const hash = createHash('sha256')
  let bytes = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  const stages: Transform[] = [createGzip(), ...(write.tap ? [write.tap()] : []), ...write.encrypt, hasher]
  const stored = new PassThrough()
  await Promise.all([
    objectStore().put(write.objectKey, stored),
    pipeline([Readable.from(frames(client, head, tables, sequences, rowCounts)), ...stages, stored]),
  ])
  await client.query('COMMIT')
  return { snapshot, schemaVersion, rowCounts, bytes, sha256: hash.digest('hex') }
}

async function* frames(
  client: pg.Client,
  head: SnapshotHead,
  tables: TableShape[],
  sequences: SequenceValue[],
  rowCounts: Record<string, number>,
): AsyncGenerator<Buffer> {
  yield frame(FRAME.head, head)
  for (const table of tables) {
    yield frame(FRAME.table, { table: table.name, columns: table.columns })
    const copy = client.query(copyTo(`COPY ${quoteName(table.name)} (${table.columns.map(quoteName).join(', ')}) TO STDOUT`))
    let batch: Buffer[] = []
    let batchBytes = 0
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      batch.push(chunk)
      batchBytes += chunk.length
      if (batchBytes >= DATA_FRAME_BYTES) {
        yield frame(FRAME.data, Buffer.concat(batch, batchBytes))
        batch = []
        batchBytes = 0
      }
    }
    if (batchBytes) yield frame(FRAME.data, Buffer.concat(batch, batchBytes))
    rowCounts[table.name] = copy.rowCount
    yield frame(FRAME.end, { table: table.name, rows: copy.rowCount })
  }
  yield frame(FRAME.sequences, sequences)
  yield frame(FRAME.done, { rowCounts })
}
