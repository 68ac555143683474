// platform_incident.notify (on demand, one job per incident event): the event carried to every
// affected workspace, each once (platform-incidents/notify.server.ts). A workspace that failed
// is tried again by the job's retry, which skips those already told.
import type PgBoss from 'pg-boss'
import { log } from '~/modules/observability/log.server'
import type { NotifyJob } from '~/modules/platform-incidents/incidents.server'
import { notifyIncidentEvent } from '~/modules/platform-incidents/notify.server'

export async function platformIncidentNotifyJob(job: PgBoss.Job<NotifyJob>): Promise<void> {
  const result = await notifyIncidentEvent(job.data)
  log('info', 'platform incident event carried to workspaces', { eventId: job.data.eventId, ...result })
  if (result.failed > 0) throw new Error(`${result.failed} workspaces were not told of a platform incident event; they will be tried again`)
}
