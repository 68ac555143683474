// Benchmark: how fast one worker process drains a backlog, per queue, with the queue settings of
// queues.ts ("batched") against pg-boss's defaults as Candor used them before (one job per fetch,
// one worker, the old polling intervals: "one_at_a_time"), measured in the same run. This
// process is the worker: it builds each backlog first (nothing is drained meanwhile), then works
// only the queue being measured, through the real handlers (jobs/worker.server.ts workQueue).
// - email.send, outbox path (no RESEND_API_KEY): QUEUE_BENCH_JOBS (default 10,000) e-mails;
// - webhook.deliver to a local receiver: as many deliveries, over QUEUE_BENCH_ENDPOINTS (default
//   20) endpoints of as many workspaces;
// - dsar.task, built-in: QUEUE_BENCH_TASKS (default 2,000) access requests (each filed through
//   the API's intake, which is what makes this backlog slow to build; 250 per workspace, under
//   the API's filing limit).
// one_at_a_time drains for QUEUE_BENCH_BASELINE_S (default 10) seconds (at 1–2 jobs a second a
// whole backlog would take hours); batched drains the rest of the backlog whole.
// Then the latency of a sign-in e-mail (queued to email.send) until it is in the outbox: on an
// idle system, and behind a bulk backlog of QUEUE_BENCH_JOBS e-mails in email.bulk being worked
// at the same time. QUEUE_BENCH_ROUNDS (default 3) rounds; medians. One JSON line:
// `npm run bench:queue`.
import type PgBoss from 'pg-boss'
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withPlatform, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA, type QueueName } from '~/modules/jobs/queues'
import { queueDelivery } from '~/modules/webhooks/emit.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { type WorkerOptions, workQueue } from '../../jobs/worker.server'
import { median, printFigures } from '../support/bench-figures'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'
import { startWebhookReceiver } from '../support/webhook-receiver'

const JOBS = Number(process.env.QUEUE_BENCH_JOBS ?? 10_000)
const TASKS = Number(process.env.QUEUE_BENCH_TASKS ?? 2_000)
const ENDPOINTS = Number(process.env.QUEUE_BENCH_ENDPOINTS ?? 20)
const BASELINE_S = Number(process.env.QUEUE_BENCH_BASELINE_S ?? 10)
const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 3)
const LATENCY_SAMPLES = 10

/** Candor's settings before batching: pg-boss's default batch of one, one worker per queue. */
const ONE_AT_A_TIME: Record<'email.send' | 'webhook.deliver' | 'dsar.task', WorkerOptions> = {
  'email.send': { settings: { batchSize: 1, workers: 1, concurrency: 1 }, pollingIntervalSeconds: 0.5 },
  'webhook.deliver': { settings: { batchSize: 1, workers: 1, concurrency: 1 }, pollingIntervalSeconds: 1 },
  'dsar.task': { settings: { batchSize: 1, workers: 1, concurrency: 1 }, pollingIntervalSeconds: 1 },
}

const round1 = (value: number) => Math.round(value * 10) / 10
const system = { type: 'system', reason: 'queue benchmark' } as const

const jobsIn = async (name: string, states: string[]) =>
  (await ownerPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state = ANY($2::${BOSS_SCHEMA}.job_state[])`,
    [name, states],
  )).rows[0]!.n
const waiting = (name: string) => jobsIn(name, ['created', 'retry', 'active'])

/** Stop this process's workers of `name` and wait until none of its jobs is running. */
async function stopWorking(boss: PgBoss, name: QueueName) {
  await boss.offWork(name)
  await boss.offWork(`${name}.dead`)
  await eventually(async () => (await jobsIn(name, ['active'])) === 0, { timeoutMs: 120_000, what: `${name} to stop` })
}

/** Work `name` with `options` for `seconds`: jobs completed per second. */
async function drainFor(boss: PgBoss, name: QueueName, options: WorkerOptions, seconds: number): Promise<number> {
  const before = await jobsIn(name, ['completed'])
  const started = performance.now()
  await workQueue(boss, name, options)
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  await stopWorking(boss, name)
  return ((await jobsIn(name, ['completed'])) - before) / ((performance.now() - started) / 1000)
}

/** Work `name` with its own settings until its backlog is gone: jobs per second. */
async function drainAll(boss: PgBoss, name: QueueName): Promise<{ perSecond: number; jobs: number; failed: number }> {
  const jobs = await waiting(name)
  const failedBefore = await jobsIn(name, ['failed'])
  const started = performance.now()
  await workQueue(boss, name)
  await eventually(async () => (await jobsIn(name, ['created', 'active'])) === 0, { timeoutMs: 30 * 60_000, intervalMs: 50, what: `${name} to drain` })
  const seconds = (performance.now() - started) / 1000
  await stopWorking(boss, name)
  return { perSecond: jobs / seconds, jobs, failed: (await jobsIn(name, ['failed'])) - failedBefore }
}

/** `count` calls of `make(tx, i)`, `chunk` per transaction of workspace `workspaceId`. */
async function inChunks(count: number, chunk: number, workspaceId: string, make: (tx: Tx, i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += chunk) {
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      for (let i = start; i < Math.min(count, start + chunk); i++) await make(tx, i)
    }, { timeoutMs: 120_000 })
  }
}

const emailBacklog = (workspaceId: string, count: number, bulk = false) =>
  inChunks(count, 500, workspaceId, (tx, i) =>
    queueEmail(tx, workspaceId, { to: `reader-${i}@bench.example`, subject: 'Benchmark', text: 'A message.' }, { bulk }),
  )

it('measures how fast one worker process drains each queue, and how soon a sign-in e-mail leaves', async () => {
  delete process.env.RESEND_API_KEY
  const boss = await startQueue({ supervise: true })
  const receiver = await startWebhookReceiver()
  try {
    const endpoints: { workspaceId: string; endpointId: string }[] = []
    for (let e = 0; e < ENDPOINTS; e++) {
      const { workspace, member } = await makeOwnedWorkspace()
      const { id } = await createWebhookEndpoint(member.tenant, { url: `${receiver.url}/hook/${e}`, events: ['request.received'] }, {})
      endpoints.push({ workspaceId: workspace.id, endpointId: id })
    }
    const { workspace } = await makeOwnedWorkspace()

    const rounds: Record<string, { before: number; after: number; jobs: number; failed: number }>[] = []
    const latency: { idleMs: number[]; underBulkMs: number[]; bulkLeft: number[] } = { idleMs: [], underBulkMs: [], bulkLeft: [] }
    for (let round = 0; round < ROUNDS; round++) {
      // Every backlog first; the e-mails that the requests' intake queues come on top of email.send's.
      const tasksBefore = await waiting('dsar.task')
      // The API takes 300 filings an hour per workspace: the requests are spread over fresh ones.
      const filers = await Promise.all(Array.from({ length: Math.ceil(TASKS / 250) }, async () => (await makeOwnedWorkspace()).workspace))
      for (let i = 0; i < TASKS; i += 8) {
        await Promise.all(Array.from({ length: Math.min(8, TASKS - i) }, (_, j) => receivedRequest(filers[(i + j) % filers.length]!.id, { type: 'access' })))
      }
      expect((await waiting('dsar.task')) - tasksBefore).toBe(TASKS)
      await emailBacklog(workspace.id, JOBS)
      for (let e = 0; e < ENDPOINTS; e++) {
        const { workspaceId, endpointId } = endpoints[e]!
        const share = Math.floor(JOBS / ENDPOINTS) + (e < JOBS % ENDPOINTS ? 1 : 0)
        await inChunks(share, 500, workspaceId, (tx, i) =>
          queueDelivery(tx, { workspaceId, endpointId, requestId: null, event: { id: crypto.randomUUID(), type: `bench.${i}` } }),
        )
      }
      const figures: (typeof rounds)[number] = {}
      for (const name of ['email.send', 'webhook.deliver', 'dsar.task'] as const) {
        const before = await drainFor(boss, name, ONE_AT_A_TIME[name], BASELINE_S)
        const after = await drainAll(boss, name)
        figures[name] = { before, after: after.perSecond, jobs: after.jobs, failed: after.failed }
      }
      rounds.push(figures)

      // A sign-in e-mail, alone and then behind a bulk backlog being worked.
      await workQueue(boss, 'email.send')
      for (const underBulk of [false, true]) {
        if (underBulk) {
          await emailBacklog(workspace.id, JOBS, true)
          await workQueue(boss, 'email.bulk')
        }
        for (let sample = 0; sample < LATENCY_SAMPLES; sample++) {
          // At a random moment of the workers' polling, as a person's click would come.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000))
          const queued = performance.now()
          const { messageId } = await withPlatform((tx) =>
            queueEmail(tx, null, { to: `member-${round}-${sample}@bench.example`, subject: 'Your sign-in code', text: '123456' }),
          )
          await eventually(async () => {
            const { rows } = await ownerPool().query<{ status: string }>('SELECT status FROM email_message WHERE id = $1', [messageId])
            return rows[0]?.status === 'outbox'
          }, { timeoutMs: 60_000, intervalMs: 10, what: 'the sign-in e-mail' })
          ;(underBulk ? latency.underBulkMs : latency.idleMs).push(performance.now() - queued)
          if (underBulk) latency.bulkLeft.push(await waiting('email.bulk'))
        }
      }
      await stopWorking(boss, 'email.send')
      await eventually(async () => (await waiting('email.bulk')) === 0, { timeoutMs: 30 * 60_000, what: 'the bulk backlog to drain' })
      await stopWorking(boss, 'email.bulk')
    }
    // Every delivery reached the receiver once (deliveries are idempotent; this checks the batching).
    const eventIds = receiver.received.map((hook) => String(hook.headers['candor-event-id']))
    expect(new Set(eventIds).size).toBe(eventIds.length)

    const figure = (name: string) => {
      const before = median(rounds.map((r) => r[name]!.before))
      const after = median(rounds.map((r) => r[name]!.after))
      return {
        backlog: rounds[0]![name]!.jobs,
        one_at_a_time_per_s: round1(before),
        batched_per_s: Math.round(after),
        batched_per_s_all: rounds.map((r) => Math.round(r[name]!.after)),
        ratio: Math.round(after / before),
        failed: rounds.map((r) => r[name]!.failed),
      }
    }
    printFigures({
      bench: 'queue',
      rounds: ROUNDS,
      worker_processes: 1,
      email_send: figure('email.send'),
      webhook_deliver: { ...figure('webhook.deliver'), endpoints: ENDPOINTS },
      dsar_task: figure('dsar.task'),
      sign_in_email_idle_ms: { p50: Math.round(median(latency.idleMs)), max: Math.round(Math.max(...latency.idleMs)) },
      sign_in_email_under_bulk_ms: {
        p50: Math.round(median(latency.underBulkMs)),
        max: Math.round(Math.max(...latency.underBulkMs)),
        bulk_waiting_min: Math.min(...latency.bulkLeft),
      },
    })
  } finally {
    await receiver.close()
    await stopQueue({ graceMs: 5_000 })
  }
})
