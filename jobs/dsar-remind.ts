// dsar.remind (hourly): deadline reminders of privacy requests (dsar/deadline-reminders.server.ts)
// and of vulnerability reports (disclosure/deadline-reminders.server.ts), each step once, and of
// tasks waiting a day or more for a data system (connectors/webhook/waiting-reminders.server.ts). What
// failed is tried again by this job's retries and by the next hour's run.
import { remindReportDeadlines } from '~/modules/disclosure/deadline-reminders.server'
import { remindRequestDeadlines } from '~/modules/dsar/deadline-reminders.server'
import { remindWaitingTasks } from '~/modules/connectors/webhook/waiting-reminders.server'
import { log } from '~/modules/observability/log.server'

export async function deadlineRemindersJob(): Promise<void> {
  const requests = await remindRequestDeadlines()
  const reports = await remindReportDeadlines()
  const waitingTasks = await remindWaitingTasks()
  log('info', 'deadline reminders done', { requests, reports, waitingTasks })
  if (requests.failed + reports.failed + waitingTasks.failed > 0) throw new Error('some deadline reminders failed; they will be tried again')
}
