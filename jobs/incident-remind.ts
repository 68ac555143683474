// incident.remind (hourly): the 72-hour clock's reminders at +24 h, +48 h and +60 h, each once
// (incidents/reminders.server.ts). An incident that failed is tried again by the retries and by
// the next hourly run.
import { sendIncidentReminders } from '~/modules/incidents/reminders.server'
import { log } from '~/modules/observability/log.server'

export async function incidentRemindJob(): Promise<void> {
  const result = await sendIncidentReminders()
  log('info', 'incident reminders done', result)
  if (result.failed > 0) throw new Error('some incident reminders failed; they will be tried again')
}
