// Working a batch that pg-boss fetched: each job on its own, a bounded number at once, each with
// its own outcome. A job that throws is failed alone at once (pg-boss retries it with backoff,
// or moves it to its dead-letter queue); one that succeeds is completed as it finishes. pg-boss
// then completes the whole batch again, but that touches only jobs still active, so a failed
// job is never completed and a completed one never run twice by it.
import type PgBoss from 'pg-boss'
import { errorFields, log } from '~/modules/observability/log.server'
import { type LeaseHolder, leaseJobs } from './lease.server'
import { BOSS_SCHEMA } from './queues'

/** What a job asks for instead of completing: to run again later, without using a retry. */
export type Deferral = { deferUntil: Date }

export type JobRunner<T> = (job: PgBoss.Job<T>) => Promise<void | Deferral>

export type BatchOptions = {
  /** The queue the jobs came from (its own or its dead-letter queue). */
  queue: string
  /** Jobs of the batch that run at once. */
  concurrency: number
  /** Seconds a job may run before pg-boss fails it: the most its lease is ever extended to. */
  expireInSeconds: number
}

/** A pg-boss work handler that runs each job of a batch through `run`. */
export function batchHandler<T>(boss: PgBoss, options: BatchOptions, run: JobRunner<T>) {
  return async (jobs: PgBoss.Job<T>[]): Promise<void> => {
    const lease: LeaseHolder = leaseJobs(boss.getDb(), options.queue, jobs.map((job) => job.id), options.expireInSeconds)
    const completions = completer(boss, options.queue)
    try {
      await eachAtMost(options.concurrency, jobs, async (job) => {
        try {
          const outcome = await run(job)
          if (outcome) await deferJob(boss.getDb(), options.queue, job.id, outcome.deferUntil)
          else completions.add(job.id)
        } catch (error) {
          await recordFailure(boss, options.queue, job, error)
        } finally {
          lease.release(job.id)
        }
      })
    } finally {
      await completions.settled()
      await lease.stop()
    }
  }
}

/**
 * Completes jobs as they finish, not when their batch ends: a job done is shown done at once,
 * and a worker that dies mid-batch leaves only its unfinished jobs to retry. Jobs that finish
 * while a completion is being written are completed together by the next statement.
 */
function completer(boss: PgBoss, queue: string) {
  const waiting: string[] = []
  let writing: Promise<void> | undefined
  const write = async () => {
    while (waiting.length) {
      const ids = waiting.splice(0)
      try {
        await boss.complete(queue, ids)
      } catch (error) {
        // The jobs stay active; their lease runs out and they are retried (handlers are idempotent).
        log('error', 'finished jobs could not be marked complete; they are retried once their lease runs out', { queue, jobs: ids.length, ...errorFields(error) })
      }
    }
    writing = undefined
  }
  return {
    add: (id: string) => {
      waiting.push(id)
      writing ??= write()
    },
    settled: async () => {
      while (writing) await writing
    },
  }
}

/** Fail one job (retry or dead letter, by its queue's policy), leaving the batch's others alone. */
async function recordFailure(boss: PgBoss, queue: string, job: PgBoss.Job<unknown>, error: unknown): Promise<void> {
  log('warn', 'a job failed; it is retried or dead-lettered alone', { queue, job: job.id, ...errorFields(error) })
  try {
    await boss.fail(queue, job.id, error instanceof Error ? error : new Error(String(error)))
  } catch (failError) {
    // The database is unreachable: the job stays active, its lease runs out, and pg-boss
    // retries it then (lease.server.ts).
    log('error', 'a failed job could not be recorded; it is retried once its lease runs out', { queue, job: job.id, ...errorFields(failError) })
  }
}

/**
 * Put an active job back in its queue, to be fetched again at `until`, as if never started: the
 * try does not count against its retries (pg-boss counts a fetch as a retry only when
 * `started_on` is set), and it goes to the back of the line (pg-boss fetches oldest
 * `created_on` first), behind the jobs queued meanwhile. pg-boss 10 has no call for this, so
 * it is one statement on its table. For queues of the standard policy only: a stately queue
 * holds one waiting job per key, which a deferred job could collide with.
 */
async function deferJob(db: PgBoss.Db, queue: string, jobId: string, until: Date): Promise<void> {
  await db.executeSql(
    `UPDATE ${BOSS_SCHEMA}.job
        SET state = (CASE WHEN retry_count > 0 THEN 'retry' ELSE 'created' END)::${BOSS_SCHEMA}.job_state,
            started_on = NULL, start_after = $3, created_on = now()
      WHERE name = $1 AND id = $2 AND state = 'active'`,
    [queue, jobId, until],
  )
}

/** Run `work` over `items`, at most `limit` at once; resolves when every item is done. */
export async function eachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane))
}
