// Queues worked in batches (app/modules/jobs/batch.server.ts) through the real pg-boss: each
// job of a batch has its own outcome, a deferred job waits without using a retry, and the lease
// on a running job ends soon after its worker stops renewing it.
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { batchHandler, eachAtMost } from '~/modules/jobs/batch.server'
import { LEASE_SECONDS, leaseJobs } from '~/modules/jobs/lease.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { eventually } from '../support/eventually'

let boss: PgBoss
let queueCount = 0

beforeAll(async () => {
  boss = await startQueue({ supervise: false })
})
afterAll(() => stopQueue({ graceMs: 1000 }))

/** A fresh queue (and its dead-letter queue) for one test: fast retries, one retry. */
async function testQueue(): Promise<string> {
  const name = `test.batch-${process.pid}-${++queueCount}-${Date.now()}`
  await boss.createQueue(`${name}.dead`, { name: `${name}.dead`, policy: 'standard' })
  await boss.createQueue(name, { name, policy: 'standard', retryLimit: 1, retryDelay: 1, retryBackoff: false, expireInSeconds: 600, deadLetter: `${name}.dead` })
  return name
}

const jobRows = async (name: string) =>
  (await ownerPool().query<{ id: string; state: string; retry_count: number; n: number }>(
    `SELECT id, state, retry_count, (data->>'n')::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 ORDER BY (data->>'n')::int`,
    [name],
  )).rows

/** Send `count` jobs {n} to `name` in one statement, so one fetch takes them all. */
const sendJobs = (name: string, count: number) =>
  boss.insert(Array.from({ length: count }, (_, n) => ({ name, data: { n } })))

describe('a batch', () => {
  it('fails only the job that threw; the others complete once and are never run again', async () => {
    const name = await testQueue()
    await sendJobs(name, 10)
    const runs = new Map<number, number>()
    let atOnce = 0
    let mostAtOnce = 0
    await boss.work(name, { batchSize: 10, pollingIntervalSeconds: 0.5 }, batchHandler<{ n: number }>(boss, { queue: name, concurrency: 3, expireInSeconds: 600 }, async (job) => {
      atOnce++
      mostAtOnce = Math.max(mostAtOnce, atOnce)
      await new Promise((resolve) => setTimeout(resolve, 20))
      atOnce--
      const n = job.data.n
      runs.set(n, (runs.get(n) ?? 0) + 1)
      // Job 4 fails on its first run; job 7 on every run.
      if (n === 7 || (n === 4 && runs.get(n) === 1)) throw new Error(`job ${n} failed`)
    }))
    const rows = await eventually(async () => {
      const all = await jobRows(name)
      return all.every((row) => row.state === 'completed' || row.state === 'failed') && all
    }, { timeoutMs: 20_000, what: 'every job to end' })
    await boss.offWork(name)

    expect(mostAtOnce).toBe(3)
    expect(rows.map((row) => [row.n, row.state, row.retry_count])).toEqual([
      [0, 'completed', 0], [1, 'completed', 0], [2, 'completed', 0], [3, 'completed', 0],
      [4, 'completed', 1], // retried alone, then done
      [5, 'completed', 0], [6, 'completed', 0],
      [7, 'failed', 1], // its one retry used up: dead-lettered
      [8, 'completed', 0], [9, 'completed', 0],
    ])
    expect(Object.fromEntries(runs)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1, 4: 2, 5: 1, 6: 1, 7: 2, 8: 1, 9: 1 })
    expect((await jobRows(`${name}.dead`)).map((row) => row.n)).toEqual([7])
  })

  it('puts a deferred job back, to run again later without using a retry', async () => {
    const name = await testQueue()
    await sendJobs(name, 2)
    const runs: number[] = []
    await boss.work(name, { batchSize: 2, pollingIntervalSeconds: 0.5 }, batchHandler<{ n: number }>(boss, { queue: name, concurrency: 2, expireInSeconds: 600 }, async (job) => {
      runs.push(job.data.n)
      if (job.data.n === 1 && runs.filter((n) => n === 1).length === 1) return { deferUntil: new Date(Date.now() + 1000) }
    }))
    const rows = await eventually(async () => {
      const all = await jobRows(name)
      return all.every((row) => row.state === 'completed') && all
    }, { timeoutMs: 20_000, what: 'both jobs to complete' })
    await boss.offWork(name)
    expect(rows.map((row) => [row.n, row.retry_count])).toEqual([[0, 0], [1, 0]])
    expect(runs.sort()).toEqual([0, 1, 1])
  })
})

describe('the lease on a running job', () => {
  const expiresIn = async (id: string) =>
    (await ownerPool().query<{ seconds: number }>(
      `SELECT extract(epoch FROM (started_on + expire_in) - now())::float8 AS seconds FROM ${BOSS_SCHEMA}.job WHERE id = $1`,
      [id],
    )).rows[0]!.seconds

  it('keeps a long job from expiring for its whole run, and lets it expire soon when renewals stop', async () => {
    const name = await testQueue()
    await sendJobs(name, 1)
    const [fetched] = await queue().fetch(name)
    const id = fetched?.id
    // Without a lease the job would stay active for the queue's 600 seconds.
    expect(await expiresIn(id!)).toBeGreaterThan(590)

    // A worker holds it: its expiry is a lease away, not 600 seconds.
    const lease = leaseJobs(boss.getDb(), name, [id!], 600)
    await eventually(async () => (await expiresIn(id!)) <= LEASE_SECONDS + 1, { what: 'the lease to be set' })
    expect(await expiresIn(id!)).toBeGreaterThan(LEASE_SECONDS - 5)

    // The worker dies (no more renewals) and time passes beyond its lease: pg-boss's own expiry
    // (what its maintenance runs every MAINTENANCE_SECONDS) fails the job, which is then
    // retried by its queue's policy.
    await lease.stop()
    await ownerPool().query(`UPDATE ${BOSS_SCHEMA}.job SET started_on = started_on - make_interval(secs => $2) WHERE id = $1`, [id, LEASE_SECONDS + 1])
    await boss.expire()
    const [retried] = await jobRows(name)
    expect(retried).toMatchObject({ state: 'retry', retry_count: 0 })
  })
})

describe('eachAtMost', () => {
  it('runs every item, never more than the limit at once', async () => {
    const done: number[] = []
    let running = 0
    let most = 0
    await eachAtMost(4, Array.from({ length: 25 }, (_, i) => i), async (i) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, i % 3))
      running--
      done.push(i)
    })
    expect(most).toBe(4)
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i))
  })
})
