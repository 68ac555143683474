// backup.age-out, the backups half: every succeeded backup that began more than
// BACKUP_RETENTION_DAYS ago is deleted from the object store, except the newest succeeded one
// (a platform with one good backup keeps it, whatever its age). Its catalogue row stays, marked
// `deleted` with the time, and its receipt goes in the platform audit log. Objects under
// `backups/` that no running or succeeded row stands for (what failed runs left) are deleted too.
import pg from 'pg'
import { recordAuditAsOwner } from '~/modules/audit/record.server'
import { env } from '~/modules/config/env.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { BACKUP_LOCK_KEY } from './backup.server'
import { inTransaction } from '~/modules/db/client-transaction'

const DAY_MS = 24 * 60 * 60 * 1000
const ACTOR = { type: 'system', reason: 'backup.age-out' } as const

export type AgeOutReport = {
  /** Backups deleted because they were past the retention. */
  deleted: string[]
  /** The newest succeeded backup, kept whatever its age. */
  kept: string | null
  /** Objects deleted that no trusted catalogue row stood for. */
  leftovers: number
}

export async function ageOutBackups(now = new Date()): Promise<AgeOutReport> {
  const cutoff = new Date(now.getTime() - env().BACKUP_RETENTION_DAYS * DAY_MS)
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  const owner = new pg.Client({ connectionString, application_name: 'candor-age-out' })
  owner.on('error', () => {})
  await owner.connect()
  try {
    const { rows: newest } = await owner.query<{ id: string }>(
      `SELECT id FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`,
    )
    const kept = newest[0]?.id ?? null
    const { rows: expired } = await owner.query<{ id: string; object_key: string; started_at: Date }>(
      `SELECT id, object_key, started_at FROM backup
        WHERE status = 'succeeded' AND started_at < $1 AND id IS DISTINCT FROM $2 ORDER BY started_at`,
      [cutoff, kept],
    )
    const deleted: string[] = []
    for (const backup of expired) {
      // The object goes first: a crash before the row is marked leaves a row that fails loudly
      // when restored, never a row that says deleted over an object still there.
      await objectStore().delete(backup.object_key)
      if (await markDeleted(owner, backup, cutoff)) deleted.push(backup.id)
    }
    const leftovers = await deleteUntrustedObjects(owner)
    return { deleted, kept, leftovers }
  } finally {
    await owner.end().catch(() => {})
  }
}

async function markDeleted(owner: pg.Client, backup: { id: string; started_at: Date }, cutoff: Date): Promise<boolean> {
  return inTransaction(owner, async () => {
    const { rowCount } = await owner.query(
      `UPDATE backup SET status = 'deleted', deleted_at = now() WHERE id = $1 AND status = 'succeeded'`,
      [backup.id],
    )
    if (rowCount === 1) {
      await recordAuditAsOwner(owner, { workspaceId: null, actor: ACTOR }, {
        action: 'backup.age_out',
        target: { type: 'backup', id: backup.id },
        before: { status: 'succeeded', startedAt: backup.started_at },
        after: { status: 'deleted', retentionDays: env().BACKUP_RETENTION_DAYS, cutoff },
      })
    }
    return rowCount === 1
  })
}

/**
 * Delete every object under `backups/` that no running or succeeded catalogue row stands for
 * (a failed run's object, one a crash left between storing and cataloguing), then note on the
 * failed rows that nothing of theirs is left. A running backup's row is written before its
 * object, so a backup in progress is never touched.
 */
async function deleteUntrustedObjects(owner: pg.Client): Promise<number> {
  // Under the backup lock: a run starting between reading the rows and listing the objects
  // would otherwise have its new object taken for a leftover. While a backup runs, this waits
  // for tomorrow.
  const { rows: lock } = await owner.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [BACKUP_LOCK_KEY])
  if (!lock[0]!.locked) return 0
  try {
    const { rows } = await owner.query<{ object_key: string }>(`SELECT object_key FROM backup WHERE status IN ('running', 'succeeded')`)
    const trusted = new Set(rows.map((row) => row.object_key))
    let removed = 0
    for await (const object of objectStore().list('backups/')) {
      if (trusted.has(object.key)) continue
      await objectStore().delete(object.key)
      removed++
    }
    await owner.query(`UPDATE backup SET deleted_at = now() WHERE status = 'failed' AND deleted_at IS NULL`)
    return removed
  } finally {
    await owner.query('SELECT pg_advisory_unlock(hashtext($1))', [BACKUP_LOCK_KEY])
  }
}
