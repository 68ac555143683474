// backup.run (daily at BACKUP_HOUR_UTC): one backup of the whole database into the object
// store, catalogued (decision 018). A thrown error is retried by the queue's policy; the run's
// catalogue row already says failed and why.
import { runBackup } from '~/modules/backups/backup.server'
import { log } from '~/modules/observability/log.server'

export async function backupRunJob(): Promise<void> {
  const backup = await runBackup()
  const rows = Object.values(backup.rowCounts).reduce((sum, n) => sum + n, 0)
  log('info', 'backup taken', { id: backup.id, bytes: backup.bytes, rows, keyId: backup.keyId, abandoned: backup.abandoned })
}
