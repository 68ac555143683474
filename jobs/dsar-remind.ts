// dsar.remind (hourly): deadline reminders of privacy requests (dsar/deadline-reminders.server.ts)
// and of vulnerability reports (disclosure/deadline-reminders.server.ts), each step once. What
// failed is tried again by this job's retries and by the next hour's run.
import { remindReportDeadlines } from '~/modules/disclosure/deadline-reminders.server'
import { remindRequestDeadlines } from '~/modules/dsar/deadline-reminders.server'
import { log } from '~/modules/observability/log.server'

export async function deadlineRemindersJob(): Promise<void> {
  const requests = await remindRequestDeadlines()
  const reports = await remindReportDeadlines()
  log('info', 'deadline reminders done', { requests, reports })
  if (requests.failed + reports.failed > 0) throw new Error('some deadline reminders failed; they will be tried again')
}
