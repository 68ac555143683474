// backup.age-out (daily): backups past BACKUP_RETENTION_DAYS deleted (never the newest good
// one), then every erasure whose backups stage has passed marked so, with its event and
// e-mail (decision 022). Both halves are idempotent: a retry redoes only what is left.
import { ageOutBackups } from '~/modules/backups/age-out.server'
import { advanceBackupsStages } from '~/modules/dsar/backups-stage.server'
import { log } from '~/modules/observability/log.server'

export async function backupAgeOutJob(): Promise<void> {
  const backups = await ageOutBackups()
  const requests = await advanceBackupsStages()
  log('info', 'backups aged out', { deleted: backups.deleted.length, kept: backups.kept, leftovers: backups.leftovers, requestsErasedFromBackups: requests })
}
