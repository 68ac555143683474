// The process's pg-boss instance and the one function domain code uses to enqueue work.
// Enqueueing inside a tenant transaction writes the job in that same transaction, so a job
// exists exactly when the record it is about was committed.
import PgBoss from 'pg-boss'
import type { Tx } from '~/modules/db/tenant.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { MAINTENANCE_SECONDS } from './lease.server'
import { BOSS_SCHEMA, type QueueName, QUEUES, deadLetterQueue } from './queues'

const globalForQueue = globalThis as unknown as { candorBoss?: PgBoss }

/** Start pg-boss (as the database owner), create every queue, and let the app role enqueue. */
export async function startQueue(options: { supervise: boolean }): Promise<PgBoss> {
  if (globalForQueue.candorBoss) return globalForQueue.candorBoss
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: BOSS_SCHEMA,
    application_name: 'candor-jobs',
    // A web process only enqueues (inside its own transactions); a worker's pg-boss fetches,
    // completes, fails and leases for every queue's workers.
    max: options.supervise ? 6 : 2,
    // Only worker processes run maintenance and cron; a web-only process just sends.
    supervise: options.supervise,
    schedule: options.supervise,
    // Maintenance fails expired jobs: often, so that a dead worker's leases end soon.
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  })
  boss.on('error', (error) => log('error', 'job queue error', errorFields(error)))
  await boss.start()
  for (const queue of QUEUES) {
    const deadLetter = deadLetterQueue(queue.name)
    await ensureQueue(boss, { name: deadLetter, policy: 'standard' })
    await ensureQueue(boss, {
      name: queue.name,
      policy: queue.policy,
      retryLimit: queue.retryLimit,
      retryDelay: queue.retryDelay,
      retryBackoff: queue.retryBackoff,
      expireInSeconds: queue.expireInSeconds,
      deadLetter,
    })
  }
  await allowAppToEnqueue(boss.getDb())
  globalForQueue.candorBoss = boss
  return boss
}

/**
 * Let candor_app enqueue (decision 004): read the queues, insert jobs, read back their id.
 * Web and worker processes boot together, and two GRANTs on one object at once fail with
 * "tuple concurrently updated": rights already held are skipped (the usual boot), and the rest
 * are granted under an advisory lock held until this one statement's transaction ends.
 */
export async function allowAppToEnqueue(db: PgBoss.Db): Promise<void> {
  const schema = BOSS_SCHEMA
  await db.executeSql(
    `DO $$
     BEGIN
       PERFORM pg_advisory_xact_lock(hashtext('candor.pgboss-grants'));
       IF NOT has_schema_privilege('candor_app', '${schema}', 'USAGE') THEN
         GRANT USAGE ON SCHEMA ${schema} TO candor_app;
       END IF;
       IF NOT has_table_privilege('candor_app', '${schema}.queue', 'SELECT') THEN
         GRANT SELECT ON ${schema}.queue TO candor_app;
       END IF;
       -- INSERT … RETURNING id needs SELECT on id; the app role can read nothing else of the jobs.
       IF NOT has_table_privilege('candor_app', '${schema}.job', 'INSERT')
          OR NOT has_column_privilege('candor_app', '${schema}.job', 'id', 'SELECT') THEN
         GRANT INSERT, SELECT (id) ON ${schema}.job TO candor_app;
       END IF;
     END
     $$`,
    [],
  )
}

/** Deadlock, and a queue's row or table made meanwhile by another process. */
const CREATION_RACES = new Set(['40P01', '23505', '42P07'])

/**
 * Web and worker processes boot together: on a new database both create the same queues, and
 * one of them can deadlock or find a queue made meanwhile. That one looks again and updates it.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue, attempts = 3): Promise<void> {
  try {
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue)
    else await boss.createQueue(queue.name, queue)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (attempts <= 1 || !code || !CREATION_RACES.has(code)) throw error
    await ensureQueue(boss, queue, attempts - 1)
  }
}

/**
 * pg-boss 10 records a finished job's outcome (complete or fail) without awaiting it (11
 * awaits it, but needs Node 22): if the database is unreachable at that moment (a restart, a
 * failover), the rejection is unhandled and Node ends the whole process. The job stays
 * active and is retried once it expires, and handlers are idempotent, so a worker process
 * logs that rejection and carries on; any other unhandled rejection still ends the process.
 */
export function tolerateLostJobOutcomes(): void {
  process.on('unhandledRejection', (reason) => {
    if (!isLostJobOutcome(reason)) throw reason
    log('warn', 'a job outcome was not recorded (database unreachable); the job is retried once it expires', errorFields(reason))
  })
}

export const isLostJobOutcome = (reason: unknown) =>
  reason instanceof Error && /\bManager\.(complete|fail) \([^)]*pg-boss[/\\]src[/\\]manager\.js/.test(reason.stack ?? '')

export const isQueueStarted = () => globalForQueue.candorBoss !== undefined

export function queue(): PgBoss {
  const boss = globalForQueue.candorBoss
  if (!boss) throw new Error('The job queue is not started')
  return boss
}

/** The pg-boss workers this process runs, per queue (jobs/worker.server.ts registers them). */
const localWorkers = new Map<string, string[]>()

export function registerWorker(queue: string, workerId: string): void {
  localWorkers.set(queue, [...(localWorkers.get(queue) ?? []), workerId])
}

/**
 * Have this process's workers of `queue` fetch now instead of at their next poll: for a job this
 * process has just committed (a task's export), which would otherwise wait up to a polling
 * interval. A worker that finds nothing goes back to its polling.
 */
export function wakeWorkers(queue: string): void {
  const boss = globalForQueue.candorBoss
  if (!boss) return
  for (const workerId of localWorkers.get(queue) ?? []) boss.notifyWorker(workerId)
}

/**
 * Stop fetching jobs, let running handlers finish (up to `graceMs`), then close pg-boss's pool.
 * The handle stays usable until then: a handler that is finishing still enqueues its next job
 * (a task's export) in its own transaction.
 */
export async function stopQueue(options: { graceMs: number }): Promise<void> {
  const boss = globalForQueue.candorBoss
  if (!boss) return
  try {
    // pg-boss stops every worker's fetch loop first, then waits while any job is running.
    await boss.stop({ graceful: true, wait: true, timeout: Math.max(options.graceMs, 1) })
  } finally {
    if (globalForQueue.candorBoss === boss) {
      globalForQueue.candorBoss = undefined
      localWorkers.clear()
    }
  }
}

/**
 * Enqueue one job per item of `data` in the caller's transaction, in one statement (mail to
 * many: a digest per member). The queue's own retry and expiry settings apply, as with enqueue.
 */
export async function enqueueMany(tx: Tx, name: QueueName, data: readonly object[]): Promise<void> {
  if (data.length === 0) return
  const db: PgBoss.Db = {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
  }
  await queue().insert(
    data.map((item) => ({ name, data: item })),
    { db },
  )
}

/**
 * Enqueue a job in the caller's transaction: it is visible to workers only if `tx` commits.
 * With a `singletonKey` (on a stately queue) a job already waiting for that key is enough:
 * the answer is then null, and nothing new is queued.
 */
export async function enqueue(
  tx: Tx,
  name: QueueName,
  data: object,
  options: Omit<PgBoss.SendOptions, 'db'> = {},
): Promise<string | null> {
  const db: PgBoss.Db = {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
  }
  const id = await queue().send(name, data, { ...options, db })
  if (!id && !options.singletonKey) throw new Error(`Job ${name} was not created`)
  return id
}
