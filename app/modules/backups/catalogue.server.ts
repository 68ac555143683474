// The backup catalogue (`backup` table): a row per run, written as the owner. A row is trusted
// only when `succeeded`; a run that died leaves `running`, and the next run, once it holds the
// backup lock (so no other run can be alive), marks such rows failed and deletes their objects.
import type pg from 'pg'
import { ownerPool } from '~/modules/db/owner.server'
import { objectStore } from '~/modules/storage/object-store.server'

export type BackupRow = {
  id: string
  status: 'running' | 'succeeded' | 'failed' | 'deleted'
  startedAt: Date
  finishedAt: Date | null
  snapshot: string | null
  objectKey: string
  bytes: number | null
  sha256: string | null
  rowCounts: Record<string, number> | null
  schemaVersion: string | null
  keyId: string
  error: string | null
}

const COLUMNS = `id, status, started_at AS "startedAt", finished_at AS "finishedAt", snapshot,
  object_key AS "objectKey", bytes::float8 AS bytes, sha256, row_counts AS "rowCounts",
  schema_version AS "schemaVersion", key_id AS "keyId", error`

export class BackupNotFoundError extends Error {}
/** The catalogue knows the backup, and it is not one to restore from (failed, or still running). */
export class BackupNotRestorableError extends BackupNotFoundError {}

export async function startCatalogueRow(db: pg.ClientBase, row: { id: string; objectKey: string; keyId: string }): Promise<void> {
  await db.query('INSERT INTO backup (id, object_key, key_id) VALUES ($1, $2, $3)', [row.id, row.objectKey, row.keyId])
}

export async function finishCatalogueRow(
  db: pg.ClientBase,
  id: string,
  result: { snapshot: string; bytes: number; sha256: string; rowCounts: Record<string, number>; schemaVersion: string },
): Promise<void> {
  await db.query(
    `UPDATE backup SET status = 'succeeded', finished_at = now(), snapshot = $2, bytes = $3, sha256 = $4,
            row_counts = $5, schema_version = $6
      WHERE id = $1 AND status = 'running'`,
    [id, result.snapshot, result.bytes, result.sha256, JSON.stringify(result.rowCounts), result.schemaVersion],
  )
}

export async function failCatalogueRow(db: Pick<pg.Pool, 'query'>, id: string, error: string): Promise<void> {
  await db.query(`UPDATE backup SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'running'`, [id, error])
}

/**
 * Runs that died (a crash, a kill -9): call only while holding the backup lock. Their objects
 * (stored if the run died between storing and cataloguing) are deleted: nothing would trust them.
 */
export async function failAbandonedRuns(db: pg.ClientBase): Promise<number> {
  const { rows } = await db.query<{ object_key: string }>(
    `UPDATE backup SET status = 'failed', finished_at = now(), error = 'The run stopped before it finished (the process ended).'
      WHERE status = 'running' RETURNING object_key`,
  )
  for (const row of rows) await objectStore().delete(row.object_key)
  return rows.length
}

/** A succeeded backup by id, or the newest succeeded one for `latest`. */
export async function findSucceededBackup(which: string, db: Pick<pg.Pool, 'query'> = ownerPool()): Promise<BackupRow> {
  const { rows } =
    which === 'latest'
      ? await db.query<BackupRow>(`SELECT ${COLUMNS} FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`)
      : await db.query<BackupRow>(`SELECT ${COLUMNS} FROM backup WHERE id::text = $1`, [which])
  const row = rows[0]
  if (!row) throw new BackupNotFoundError(which === 'latest' ? 'There is no succeeded backup yet.' : `There is no backup ${which}.`)
  if (row.status !== 'succeeded') throw new BackupNotRestorableError(`Backup ${which} is ${row.status}, not a backup to restore from.`)
  return row
}

export async function backupRow(id: string, db: Pick<pg.Pool, 'query'> = ownerPool()): Promise<BackupRow | undefined> {
  const { rows } = await db.query<BackupRow>(`SELECT ${COLUMNS} FROM backup WHERE id = $1`, [id])
  return rows[0]
}
