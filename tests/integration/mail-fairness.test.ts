// One workspace's bulk mail (a sub-processor notice to every subscriber) never holds back another
// workspace's sign-in or confirmation e-mail: bulk mail has its own queue (email.bulk), worked
// beside email.send by the same worker process. How soon such an e-mail leaves, idle and under a
// bulk backlog, is measured by npm run bench:queue.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'

const BULK = 3_000
const system = { type: 'system', reason: 'test' } as const

beforeAll(async () => {
  delete process.env.RESEND_API_KEY
  await startQueue({ supervise: false })
})
afterAll(() => stopQueue({ graceMs: 5000 }))

const bulkWaiting = async (workspaceId: string) =>
  (await ownerPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = 'email.bulk' AND state < 'completed' AND data->>'workspaceId' = $1`,
    [workspaceId],
  )).rows[0]!.n

it("delivers a workspace's confirmation e-mail while another workspace's bulk backlog is still being sent", async () => {
  const busy = (await makeWorkspace()).workspace
  const other = (await makeWorkspace()).workspace
  for (let start = 0; start < BULK; start += 500) {
    await withTenant({ workspaceId: busy.id, actor: system }, async (tx) => {
      for (let i = start; i < start + 500; i++) {
        await queueEmail(tx, busy.id, { to: `subscriber-${i}@example.com`, subject: 'A change of sub-processor', text: 'Notice' }, { bulk: true })
      }
    })
  }
  const boss = await startQueue({ supervise: false })
  await workQueue(boss, 'email.bulk')
  await workQueue(boss, 'email.send')
  await eventually(async () => (await bulkWaiting(busy.id)) < BULK, { what: 'the bulk backlog to start draining' })

  const { messageId } = await withTenant({ workspaceId: other.id, actor: system }, (tx) =>
    queueEmail(tx, other.id, { to: 'requester@example.com', subject: 'Confirm your privacy request', text: 'Your code: 123456' }),
  )
  await eventually(async () => {
    const { rows } = await ownerPool().query<{ status: string }>('SELECT status FROM email_message WHERE id = $1', [messageId])
    return rows[0]?.status === 'outbox'
  }, { what: 'the confirmation e-mail to be delivered' })
  // Delivered ahead of the backlog, not after it.
  expect(await bulkWaiting(busy.id)).toBeGreaterThan(BULK / 3)

  await eventually(async () => (await bulkWaiting(busy.id)) === 0, { timeoutMs: 120_000, what: 'the bulk backlog to drain' })
  const { rows } = await ownerPool().query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM email_message WHERE workspace_id = $1 GROUP BY status',
    [busy.id],
  )
  expect(rows).toEqual([{ status: 'outbox', n: BULK }])
}, 180_000)
