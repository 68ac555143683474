// Every pg-boss queue, with its retry policy. One place to see what runs in the background.

/** The PostgreSQL schema of pg-boss's tables. */
export const BOSS_SCHEMA = 'pgboss'

export type QueueName = 'email.send' | 'email.bulk' | 'maintenance.sweep' | 'dsar.task' | 'dsar.export' | 'dsar.expire' | 'webhook.deliver'
  | 'subprocessor.notice'
  | 'subprocessor.apply'
  | 'trust.checks'
  | 'audit.verify'
  | 'audit.checkpoint'
  | 'backup.run'
  | 'backup.drill'
  | 'backup.age-out'
  | 'retention.purge'
  | 'billing.notices'
  | 'dsar.remind'
  | 'incident.remind'
  | 'digest.send'
  | 'stripe.event'
  | 'stripe.reconcile'
  | 'platform_incident.notify'
  | 'drp.callback'

export type QueueSpec = {
  name: QueueName
  /** How many times a failed job is tried again before it goes to the dead-letter queue. */
  retryLimit: number
  /** Seconds before the first retry; doubled each time when retryBackoff is on. */
  retryDelay: number
  retryBackoff: boolean
  /** Seconds a job may run before pg-boss fails it (and retries it). */
  expireInSeconds: number
  policy: 'standard' | 'short' | 'singleton' | 'stately'
  /** How often an idle worker looks for new jobs, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds: number
  /**
   * How a worker process works the queue (batch.server.ts): `workers` pg-boss workers, each
   * fetching up to `batchSize` jobs at a time and running `concurrency` of them at once. A
   * worker fetches again as soon as its batch is done, or after the polling interval when its
   * last fetch found nothing; so one process drains at most workers × batchSize jobs per
   * polling interval, and runs at most workers × concurrency at once.
   */
  batchSize: number
  workers: number
  concurrency: number
}

/** Settings of a queue whose jobs are long or rare: one at a time. */
const ONE_AT_A_TIME = { batchSize: 1, workers: 1, concurrency: 1 } as const

export const QUEUES: readonly QueueSpec[] = [
  // Mail that a person's action causes and someone waits for: sign-in and confirmation codes,
  // replies, invitations, notices to staff. Retries over about 17 minutes (10 s doubled 6
  // times) ride out a provider outage. Polled often: people wait for sign-in codes (see npm run
  // bench:sign-in). Never behind a bulk send: those have their own queue.
  {
    name: 'email.send',
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60,
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
    batchSize: 100,
    workers: 2,
    concurrency: 8,
  },
  // Mail sent to many at once (a sub-processor change to every subscriber): the same delivery
  // and retries, in a queue of its own so that one workspace's 50,000 notices never hold back
  // anybody's sign-in code. Fewer at once than email.send, which keeps its share of the
  // process's database connections under a bulk backlog.
  {
    name: 'email.bulk',
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60,
    policy: 'standard',
    pollingIntervalSeconds: 1,
    batchSize: 100,
    workers: 2,
    concurrency: 6,
  },
  // One request's work in one data system. Stately with the task id as singleton key: a task
  // is never queued twice. Retries over about 30 minutes (30 s doubled 6 times), then the
  // dead-letter handler puts the request in needs_attention. Long (a connector reads a whole
  // system): a few at a time, so that a batch does not wait long for its slowest task. Polled
  // often: a confirmed request's tasks are queued by the web process, and the requester waits.
  {
    name: 'dsar.task',
    retryLimit: 6,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    policy: 'stately',
    pollingIntervalSeconds: 0.5,
    batchSize: 10,
    workers: 1,
    concurrency: 4,
  },
  // The subject's ZIP, once every access task is done; singleton per request. The worker that
  // ran the last task wakes this queue's workers at once (wakeWorkers).
  {
    name: 'dsar.export',
    retryLimit: 6,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60 * 60,
    policy: 'stately',
    pollingIntervalSeconds: 1,
    batchSize: 2,
    workers: 1,
    concurrency: 2,
  },
  // One event to one customer endpoint (10 s timeout). Retries over a few hours (30 s doubled 8
  // times, with jitter) ride out a receiver's deploy or outage; then the delivery is failed.
  // Many at once (the time goes in waiting for endpoints); one endpoint's share is capped
  // (webhooks/endpoint-health.server.ts).
  {
    name: 'webhook.deliver',
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
    batchSize: 50,
    workers: 2,
    concurrency: 16,
  },
  // One Data Rights Protocol status callback to an agent (decision 034): like a webhook, retried
  // with backoff (8 times from 30 s); the status is computed when each try runs.
  {
    name: 'drp.callback',
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    policy: 'standard',
    pollingIntervalSeconds: 1,
    batchSize: 20,
    workers: 1,
    concurrency: 8,
  },
  // One announced sub-processor change, e-mailed to every confirmed subscriber in batches.
  // Stately with the change id as singleton key; idempotent (one notice row per subscriber).
  {
    name: 'subprocessor.notice',
    retryLimit: 6,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    policy: 'stately',
    pollingIntervalSeconds: 1,
    ...ONE_AT_A_TIME,
  },
  // Applies announced sub-processor changes on their day; deletes unconfirmed subscriptions.
  {
    name: 'subprocessor.apply',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 300,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Deletes unverified requests past 7 days and exports past their 7 days.
  {
    name: 'dsar.expire',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 300,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  {
    name: 'maintenance.sweep',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 300,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // The trust page's live checks: one workspace after a publish, every workspace hourly.
  // Results are timed; a page shows a result older than 48 hours as not verified.
  {
    name: 'trust.checks',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 30 * 60,
    policy: 'standard',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // One full verification of a workspace's audit chain, asked for on the audit page: a walk of
  // millions of entries takes minutes, so it runs here and records its outcome (decision 020).
  {
    name: 'audit.verify',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 60 * 60,
    policy: 'standard',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Hourly: every audit chain's checkpoint moved forward over its new entries, and a full walk
  // of each chain whose last one is a week old.
  {
    name: 'audit.checkpoint',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Daily (BACKUP_HOUR_UTC): a consistent, compressed, encrypted snapshot into the object
  // store, catalogued (decision 018). Singleton: one backup at a time (a lock enforces it too).
  // A failed run is tried again 10 minutes later, twice; a run that died is failed by the next.
  {
    name: 'backup.run',
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 4 * 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Weekly and on an operator's demand: the latest backup restored into a scratch database and
  // checked, with a receipt in the platform audit log; a failure e-mails the operators.
  {
    name: 'backup.drill',
    retryLimit: 1,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 4 * 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Daily: backups past the platform's retention deleted (never the newest good one), and
  // erasures that no remaining backup holds any more marked erased from backups.
  {
    name: 'backup.age-out',
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Daily: what Candor keeps no longer than it says (sessions, stored e-mail bodies, webhook
  // deliveries, closed requests, orphan uploads, deleted workspaces), in batches.
  {
    name: 'retention.purge',
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 2 * 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Daily: e-mails to owners before a trial ends and while a past-due grace period runs, each
  // once (a row per notice); a failed workspace is tried again 10 minutes later.
  {
    name: 'billing.notices',
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 30 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Hourly: deadline reminders of privacy requests and vulnerability reports, and a daily one
  // per task waiting more than a day for its data system (decision 036), each step once
  // (a reminder_sent row claimed with its e-mails). A failed run is tried again a minute later;
  // whatever it could not send, the next hour's run sends.
  {
    name: 'dsar.remind',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 30 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Hourly: reminders of each running 72-hour breach clock, each step once (a row per reminder
  // claimed with its e-mails); a failed run is tried again a minute later, and by the next hour.
  {
    name: 'incident.remind',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 15 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // Every 15 minutes: each member's weekly digest on Monday from 08:00 where they are, once per
  // workspace and ISO week (a row per digest); a failed workspace is tried again by the next
  // run, or by this job's retry.
  {
    name: 'digest.send',
    retryLimit: 2,
    retryDelay: 120,
    retryBackoff: false,
    expireInSeconds: 14 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // One verified Stripe webhook event: its customer re-read from Stripe and the workspace's plan
  // state written (billing/sync.server.ts). Idempotent, so a repeat is harmless. Retries over
  // about an hour (30 s doubled 7 times) ride out a Stripe outage; after them the event keeps its
  // error and the nightly reconciliation makes up for it.
  {
    name: 'stripe.event',
    retryLimit: 7,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
    batchSize: 20,
    workers: 1,
    concurrency: 4,
  },
  // Nightly: every workspace with a Stripe customer synced from Stripe.
  {
    name: 'stripe.reconcile',
    retryLimit: 2,
    retryDelay: 600,
    retryBackoff: false,
    expireInSeconds: 60 * 60,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
    ...ONE_AT_A_TIME,
  },
  // One event of a platform incident (declared, updated, published) carried to every affected
  // workspace: its audit entry and, for S0/S1, e-mails to owners and admins (on email.send:
  // the promise is "within 4 hours"). Polled often, since people wait for the e-mails; retries
  // over about half an hour (30 s doubled 6 times) ride out a database hiccup, and skip the
  // workspaces already told (a notice row per event and workspace).
  {
    name: 'platform_incident.notify',
    retryLimit: 6,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 30 * 60,
    policy: 'standard',
    pollingIntervalSeconds: 1,
    ...ONE_AT_A_TIME,
  },
]

export const deadLetterQueue = (name: QueueName) => `${name}.dead` as const

/** Cron schedules (UTC). */
export const SCHEDULES: readonly { queue: QueueName; cron: string }[] = [
  { queue: 'maintenance.sweep', cron: '17 * * * *' },
  { queue: 'dsar.expire', cron: '23 * * * *' },
  // Hourly, so a change takes effect within an hour of midnight in its workspace's time zone.
  { queue: 'subprocessor.apply', cron: '7 * * * *' },
  { queue: 'trust.checks', cron: '41 * * * *' },
  { queue: 'audit.checkpoint', cron: '29 * * * *' },
  // Sundays, after the night's backup.
  { queue: 'backup.drill', cron: '47 6 * * 0' },
  { queue: 'backup.age-out', cron: '37 5 * * *' },
  { queue: 'retention.purge', cron: '53 3 * * *' },
  // Mid-morning in Europe, so a trial's last-day e-mail is read in working hours.
  { queue: 'billing.notices', cron: '13 8 * * *' },
  { queue: 'stripe.reconcile', cron: '19 2 * * *' },
  { queue: 'dsar.remind', cron: '3 * * * *' },
  // Hourly: a reminder goes out within the hour after its step (+24 h, +48 h, +60 h).
  { queue: 'incident.remind', cron: '9 * * * *' },
  // Every quarter hour: every UTC offset in use is a whole number of quarter hours (+05:45,
  // +12:45), so Monday 08:00 is met within minutes wherever a member is.
  { queue: 'digest.send', cron: '*/15 * * * *' },
]

/** The daily backup's schedule, at the hour an operator chose (BACKUP_HOUR_UTC). */
export const backupSchedule = (hourUtc: number) => ({ queue: 'backup.run', cron: `11 ${hourUtc} * * *` }) as const
