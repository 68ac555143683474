// The operator console's queue figures, read from pg-boss's table as they are at the moment.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { queueHealth } from '~/modules/jobs/queue-health.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'

// A dead-letter queue that no worker works, so nothing takes these jobs meanwhile.
const QUEUE = 'maintenance.sweep.dead'
const marker = `queue-health-${process.pid}-${Date.now()}`

beforeAll(() => startQueue({ supervise: false }))
afterAll(async () => {
  await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>'marker' = $2`, [QUEUE, marker])
  await stopQueue({ graceMs: 1000 })
})

const healthOf = async () => (await queueHealth()).find((queue) => queue.name === QUEUE)!

it('counts due, later, running and failed jobs, and how long the oldest due one has waited', async () => {
  const before = await healthOf()
  const insert = (state: string, startAfter: string, completedOn: string | null = null) =>
    ownerPool().query(
      `INSERT INTO ${BOSS_SCHEMA}.job (name, data, state, start_after, started_on, completed_on)
       VALUES ($1, jsonb_build_object('marker', $2::text), $3::${BOSS_SCHEMA}.job_state, now() + $4::interval,
               CASE WHEN $3 IN ('active', 'failed') THEN now() END, now() + $5::interval)`,
      [QUEUE, marker, state, startAfter, completedOn],
    )
  await insert('created', '-10 minutes')
  await insert('retry', '-1 minute')
  await insert('created', '5 minutes')
  await insert('active', '-2 minutes')
  await insert('failed', '-3 hours', '-2 hours')
  await insert('failed', '-3 days', '-2 days') // failed for good, but not in the last day

  const after = await healthOf()
  expect(after.due - before.due).toBe(2)
  expect(after.later - before.later).toBe(1)
  expect(after.running - before.running).toBe(1)
  expect(after.failedLastDay - before.failedLastDay).toBe(1)
  expect(after.oldestDueSeconds).toBeGreaterThanOrEqual(600)
  expect(after.oldestDueSeconds).toBeLessThan(700)
})

it('lists every queue and its dead-letter queue, with zeros where nothing waits', async () => {
  const names = (await queueHealth()).map((queue) => queue.name)
  expect(names).toContain('email.send')
  expect(names).toContain('email.send.dead')
  expect(names).toContain('webhook.deliver')
  expect(new Set(names).size).toBe(names.length)
})
