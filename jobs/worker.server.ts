// Worker role: attach a handler to every queue, worked in batches by its settings in
// queues.ts (batch.server.ts), and register the cron schedules.
import type PgBoss from 'pg-boss'
import { type JobRunner, batchHandler } from '~/modules/jobs/batch.server'
import { env } from '~/modules/config/env.server'
import { registerWorker } from '~/modules/jobs/queue.server'
import { QUEUES, type QueueName, type QueueSpec, SCHEDULES, backupSchedule, deadLetterQueue } from '~/modules/jobs/queues'
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
import { backupRunJob } from './backup-run'
import { backupDrillJob } from './backup-drill'
import { backupAgeOutJob } from './backup-age-out'
import { retentionPurgeJob } from './retention-purge'
import { billingNoticesJob } from './billing-notices'
import { deadlineRemindersJob } from './dsar-remind'
import { digestSendJob } from './digest-send'
import { stripeEventJob } from './stripe-event'
import { stripeReconcileJob } from './stripe-reconcile'
import { incidentRemindJob } from './incident-remind'
import { platformIncidentNotifyJob } from './platform-incident-notify'
import { drpCallbackJob } from './drp-callback'

// Each handler takes its own payload type; `never` lets them share one table.
type Handler = JobRunner<never>

const HANDLERS: Record<QueueName | `${QueueName}.dead`, Handler | undefined> = {
  'email.send': sendEmailJob,
  'email.send.dead': emailFailedJob,
  'email.bulk': sendEmailJob,
  'email.bulk.dead': emailFailedJob,
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
  'backup.run': backupRunJob,
  // The run's own row says failed, with its error; tomorrow's run starts afresh.
  'backup.run.dead': undefined,
  'backup.drill': backupDrillJob,
  // A drill that could not even start (another one running, the database unreachable): its
  // absence shows as "restores tested" going stale; next week's drill starts afresh.
  'backup.drill.dead': undefined,
  'backup.age-out': backupAgeOutJob,
  // Like the sweep: tomorrow's run does the same work.
  'backup.age-out.dead': undefined,
  'retention.purge': retentionPurgeJob,
  // The run's own row says failed, with its error, and so does the audit log; tomorrow's run
  // starts afresh and finishes what this one left.
  'retention.purge.dead': undefined,
  'billing.notices': billingNoticesJob,
  // Its rows say which notices went out; tomorrow's run sends what this one could not.
  'billing.notices.dead': undefined,
  'dsar.remind': deadlineRemindersJob,
  // Like the sweep: the next hourly run sends what this one could not.
  'dsar.remind.dead': undefined,
  'digest.send': digestSendJob,
  // Its rows say which digests went out; the next quarter-hour's run sends what this one could not.
  'digest.send.dead': undefined,
  'stripe.event': stripeEventJob,
  // The event row keeps its error; the nightly reconciliation syncs its customer anyway.
  'stripe.event.dead': undefined,
  'stripe.reconcile': stripeReconcileJob,
  // Like the sweep: the next nightly run does the work.
  'stripe.reconcile.dead': undefined,
  'incident.remind': incidentRemindJob,
  // Like the sweep: the next hourly run sends what this one could not (nothing is claimed unsent).
  'incident.remind.dead': undefined,
  'platform_incident.notify': platformIncidentNotifyJob,
  // Its notice rows say which workspaces were told; the operator's incident page counts them
  // against the affected workspaces, so a shortfall shows there.
  'platform_incident.notify.dead': undefined,
  'drp.callback': drpCallbackJob,
  // The request's row keeps the last error; the agent can still ask for the status (GET).
  'drp.callback.dead': undefined,
}

export type WorkerOptions = {
  /** Poll every queue this often instead of its own interval (tests). */
  pollingIntervalSeconds?: number
  /** Work every queue with these settings instead of its own (the queue benchmark's baseline). */
  settings?: Pick<QueueSpec, 'batchSize' | 'workers' | 'concurrency'>
}

/** Start this process's workers: for every queue and its dead-letter queue, by its settings. */
export async function startWorkers(boss: PgBoss, options: WorkerOptions = {}) {
  for (const spec of QUEUES) await workQueue(boss, spec.name, options)
  for (const schedule of [...SCHEDULES, backupSchedule(env().BACKUP_HOUR_UTC)]) {
    await boss.schedule(schedule.queue, schedule.cron, {}, { tz: 'UTC' })
  }
}

/** Work one queue and its dead-letter queue in this process. */
export async function workQueue(boss: PgBoss, queue: QueueName, options: WorkerOptions = {}) {
  const spec = QUEUES.find((q) => q.name === queue)!
  for (const name of [spec.name, deadLetterQueue(spec.name)] as const) {
    const handler = HANDLERS[name]
    if (!handler) continue
    const { batchSize, workers, concurrency } = options.settings ?? spec
    const work = batchHandler(boss, { queue: name, concurrency, expireInSeconds: spec.expireInSeconds }, handler)
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? spec.pollingIntervalSeconds
    // A dead-letter queue sees a job only after every retry: one worker is plenty.
    const count = name === spec.name ? workers : 1
    for (let i = 0; i < count; i++) registerWorker(name, await boss.work(name, { batchSize, pollingIntervalSeconds }, work))
  }
}
