// Rows of the backup catalogue, the drill receipts and the purge runs as the jobs write them (as
// the owner), at chosen times: what the live checks and the operator console read.
import { randomUUID } from 'node:crypto'
import { ownerPool } from '~/modules/db/owner.server'

export async function insertBackup(status: 'running' | 'succeeded' | 'failed', startedAt: Date, finishedAt: Date | null): Promise<string> {
  const id = randomUUID()
  const done = status === 'succeeded'
  await ownerPool().query(
    `INSERT INTO backup (id, status, started_at, finished_at, object_key, key_id, snapshot, bytes, sha256, row_counts, schema_version, error)
     VALUES ($1, $2, $3, $4, $5, 'a1b2c3d4e5f60718', $6, $7, $8, $9, $10, $11)`,
    [
      id,
      status,
      startedAt,
      finishedAt,
      `backups/${id}`,
      done ? '812:812:' : null,
      done ? 4_718_592 : null,
      done ? 'ab'.repeat(32) : null,
      done ? JSON.stringify({ workspace: 12, audit_entry: 20_480, privacy_request: 3_100 }) : null,
      done ? '20261204160000_backup_drills_and_purges' : null,
      status === 'failed' ? 'The object store refused the upload.' : null,
    ],
  )
  return id
}

export async function insertDrill(
  status: 'running' | 'passed' | 'failed',
  backupId: string | null,
  startedAt: Date,
  finishedAt: Date | null,
): Promise<string> {
  const id = randomUUID()
  await ownerPool().query(
    `INSERT INTO backup_drill (id, backup_id, status, started_at, finished_at, trigger, duration_ms, rows, chains_verified, error)
     VALUES ($1, $2, $3, $4, $5, 'schedule', $6, $7, $8, $9)`,
    [
      id,
      backupId,
      status,
      startedAt,
      finishedAt,
      finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
      status === 'passed' ? 120_345 : null,
      status === 'passed' ? 3 : null,
      status === 'failed' ? 'No private key for backup key a1b2c3d4e5f60718 where the drill ran.' : null,
    ],
  )
  return id
}
