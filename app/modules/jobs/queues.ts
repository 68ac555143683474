// Every pg-boss queue, with its retry policy. One place to see what runs in the background.

export type QueueName = 'email.send' | 'maintenance.sweep'

type QueueSpec = {
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
}

export const QUEUES: readonly QueueSpec[] = [
  // Retries over about 17 minutes (10 s doubled 6 times) ride out a provider outage. Polled
  // often: people wait for sign-in codes (see npm run bench:sign-in).
  {
    name: 'email.send',
    retryLimit: 6,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 60,
    policy: 'standard',
    pollingIntervalSeconds: 0.5,
  },
  {
    name: 'maintenance.sweep',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: false,
    expireInSeconds: 300,
    policy: 'singleton',
    pollingIntervalSeconds: 2,
  },
]

export const deadLetterQueue = (name: QueueName) => `${name}.dead` as const

/** Cron schedules (UTC). */
export const SCHEDULES: readonly { queue: QueueName; cron: string }[] = [
  { queue: 'maintenance.sweep', cron: '17 * * * *' },
]
