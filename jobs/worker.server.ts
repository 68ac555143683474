// Worker role: attach a handler to every queue and register the cron schedules.
import type PgBoss from 'pg-boss'
import { QUEUES, type QueueName, SCHEDULES } from '~/modules/jobs/queues'
import { expireRequestsJob } from './dsar-expire'
import { buildExportJob, failedExportJob } from './dsar-export'
import { failedTaskJob, runTaskJob } from './dsar-task'
import { emailFailedJob } from './email-failed'
import { sendEmailJob } from './email-send'
import { maintenanceSweepJob } from './maintenance-sweep'
import { applySubprocessorChangesJob } from './subprocessor-apply'
import { sendNoticesJob } from './subprocessor-notice'
import { deliverWebhookJob, failedWebhookJob } from './webhook-deliver'
import { trustChecksJob } from './trust-checks'
import { advanceCheckpointsJob } from './audit-checkpoint'
import { failedVerificationJob, verifyAuditChainJob } from './audit-verify'

// Each handler takes its own payload type; `never` lets them share one table.
type Handler = (jobs: PgBoss.Job<never>[]) => Promise<void>

const HANDLERS: Record<QueueName | `${QueueName}.dead`, Handler | undefined> = {
  'email.send': sendEmailJob,
  'email.send.dead': emailFailedJob,
  'maintenance.sweep': maintenanceSweepJob,
  // Dead sweeps stay in their queue for inspection; the next hourly run retries anyway.
  'maintenance.sweep.dead': undefined,
  'dsar.task': runTaskJob,
  'dsar.task.dead': failedTaskJob,
  'dsar.export': buildExportJob,
  'dsar.export.dead': failedExportJob,
  'dsar.expire': expireRequestsJob,
  // Like the sweep: the next hourly run does the work.
  'dsar.expire.dead': undefined,
  'webhook.deliver': deliverWebhookJob,
  'webhook.deliver.dead': failedWebhookJob,
  'subprocessor.notice': sendNoticesJob,
  // Its notices are counted on the dashboard beside the subscribers; the job stays here for inspection.
  'subprocessor.notice.dead': undefined,
  'subprocessor.apply': applySubprocessorChangesJob,
  // Like the sweep: the next hourly run does the work.
  'subprocessor.apply.dead': undefined,
  'trust.checks': trustChecksJob,
  // A failed run shows on the page: its results grow old and read as not verified.
  'trust.checks.dead': undefined,
  'audit.verify': verifyAuditChainJob,
  'audit.verify.dead': failedVerificationJob,
  'audit.checkpoint': advanceCheckpointsJob,
  // Like the sweep: the next hourly run does the work.
  'audit.checkpoint.dead': undefined,
}

/** A dead-letter queue is polled as often as its queue. */
const pollingIntervalOf = (name: string) =>
  QUEUES.find((queue) => name === queue.name || name === `${queue.name}.dead`)?.pollingIntervalSeconds ?? 2

export async function startWorkers(boss: PgBoss, options: { pollingIntervalSeconds?: number } = {}) {
  for (const [name, handler] of Object.entries(HANDLERS)) {
    if (!handler) continue
    await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? pollingIntervalOf(name) }, handler)
  }
  for (const schedule of SCHEDULES) {
    await boss.schedule(schedule.queue, schedule.cron, {}, { tz: 'UTC' })
  }
}
