// The process's pg-boss instance and the one function domain code uses to enqueue work.
// Enqueueing inside a tenant transaction writes the job in that same transaction, so a job
// exists exactly when the record it is about was committed.
import PgBoss from 'pg-boss'
import type { Tx } from '~/modules/db/tenant.server'
import { type QueueName, QUEUES, deadLetterQueue } from './queues'

const globalForQueue = globalThis as unknown as { candorBoss?: PgBoss }

export const BOSS_SCHEMA = 'pgboss'

/** Start pg-boss (as the database owner), create every queue, and let the app role enqueue. */
export async function startQueue(options: { supervise: boolean }): Promise<PgBoss> {
  if (globalForQueue.candorBoss) return globalForQueue.candorBoss
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: BOSS_SCHEMA,
    application_name: 'candor-jobs',
    max: 4,
    // Only worker processes run maintenance and cron; a web-only process just sends.
    supervise: options.supervise,
    schedule: options.supervise,
  })
  boss.on('error', (error) => console.error('[jobs] pg-boss error:', error.message))
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
  const sql = boss.getDb()
  await sql.executeSql(`GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO candor_app`, [])
  await sql.executeSql(`GRANT SELECT ON ${BOSS_SCHEMA}.queue TO candor_app`, [])
  // INSERT … RETURNING id needs SELECT on id; the app role can read nothing else of the jobs.
  await sql.executeSql(`GRANT INSERT, SELECT (id) ON ${BOSS_SCHEMA}.job TO candor_app`, [])
  globalForQueue.candorBoss = boss
  return boss
}

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue)
  else await boss.createQueue(queue.name, queue)
}

export const isQueueStarted = () => globalForQueue.candorBoss !== undefined

export function queue(): PgBoss {
  const boss = globalForQueue.candorBoss
  if (!boss) throw new Error('The job queue is not started')
  return boss
}

export async function stopQueue(options: { graceMs: number }): Promise<void> {
  const boss = globalForQueue.candorBoss
  if (!boss) return
  globalForQueue.candorBoss = undefined
  // graceful: wait for running handlers up to the bound, then close pg-boss's pool.
  await boss.stop({ graceful: true, wait: true, timeout: Math.max(options.graceMs, 1) })
}

/** Enqueue a job in the caller's transaction: it is visible to workers only if `tx` commits. */
export async function enqueue(
  tx: Tx,
  name: QueueName,
  data: object,
  options: Omit<PgBoss.SendOptions, 'db'> = {},
): Promise<string> {
  const db: PgBoss.Db = {
    executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }),
  }
  const id = await queue().send(name, data, { ...options, db })
  if (!id) throw new Error(`Job ${name} was not created (duplicate singleton?)`)
  return id
}
