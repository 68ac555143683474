// When fulfilment fails: a task that exhausts its retries, and an export that cannot be built,
// put the request in needs_attention with the reason shown to staff; a member's retry puts it
// back in progress and queues the work again. The job handlers are called as pg-boss calls
// them (runTask, then recordTaskError and, after the last retry, failTask).
import { Readable } from 'node:stream'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { buildExport, failExport, retryExport } from '~/modules/dsar/export.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { failTask, recordTaskError, retryTask, runTask } from '~/modules/dsar/tasks.server'
import type { CollectionArtifact } from '~/modules/dsar/task-artifacts.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { objectStore } from '~/modules/storage/object-store.server'
import { addMember, makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

async function confirmedAccessRequest() {
  const { workspace } = await makeWorkspace()
  const email = faker.internet.email().toLowerCase()
  const filed = await fileRequest(
    workspace.slug,
    { type: 'access', subjectName: 'Ana', email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null },
    { ip: faker.internet.ipv4(), portalOrigin: 'https://portal.example' },
  )
  if (filed.outcome !== 'filed') throw new Error('not filed')
  const mail = await newestMailTo(email, 'Confirm your privacy request%')
  await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
  const { rows } = await ownerPool().query(
    `SELECT r.id AS request_id, t.id AS task_id FROM privacy_request r JOIN request_task t ON t.request_id = r.id WHERE r.reference = $1`,
    [filed.reference],
  )
  const agent = await addMember(workspace.id, 'agent')
  return { workspace, requestId: rows[0].request_id as string, taskId: rows[0].task_id as string, agent }
}

const requestState = async (id: string) =>
  (await ownerPool().query('SELECT state, attention_reason FROM privacy_request WHERE id = $1', [id])).rows[0]

const queued = async (name: string, key: string) =>
  (await ownerPool().query(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'`, [name, key])).rows[0].n

describe('a task that gives up', () => {
  it('puts the request in needs_attention with the error, until a member retries it', async () => {
    const { workspace, requestId, taskId, agent } = await confirmedAccessRequest()
    const job = { workspaceId: workspace.id, taskId }
    await recordTaskError(job, new Error('The CRM answered 503 Service Unavailable'))
    await failTask(job)
    expect(await requestState(requestId)).toEqual({
      state: 'needs_attention',
      attention_reason: 'Candor (this privacy portal): The CRM answered 503 Service Unavailable',
    })
    const task = (await ownerPool().query('SELECT state, attempts, last_error FROM request_task WHERE id = $1', [taskId])).rows[0]
    expect(task).toEqual({ state: 'failed', attempts: 1, last_error: 'The CRM answered 503 Service Unavailable' })

    await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE singleton_key = $1`, [taskId])
    const scope = { workspaceId: workspace.id, actor: { type: 'user', userId: agent.userId } as const }
    expect(await withTenant(scope, (tx) => retryTask(tx, scope, taskId))).toBe(true)
    expect(await requestState(requestId)).toEqual({ state: 'in_progress', attention_reason: null })
    expect(await queued('dsar.task', taskId)).toBe(1)
    // Only a failed task can be retried.
    expect(await withTenant(scope, (tx) => retryTask(tx, scope, taskId))).toBe(false)
    const audit = await ownerPool().query(
      `SELECT action, actor_type FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'request.task.%' ORDER BY seq`,
      [workspace.id],
    )
    expect(audit.rows).toEqual([
      { action: 'request.task.fail', actor_type: 'system' },
      { action: 'request.task.retry', actor_type: 'user' },
    ])
  })
})

describe('an export that cannot be built', () => {
  it('refuses a collection altered in storage, needs attention, and can be built again', async () => {
    const { workspace, requestId, taskId, agent } = await confirmedAccessRequest()
    await runTask({ workspaceId: workspace.id, taskId })
    const { rows } = await ownerPool().query('SELECT artifact FROM request_task WHERE id = $1', [taskId])
    const artifact = (rows[0].artifact.collections as CollectionArtifact[])[0]!
    const stored = Buffer.concat(await (await objectStore().get(artifact.object.key)).toArray())
    const altered = Buffer.from(stored)
    altered[altered.length - 20]! ^= 1
    await objectStore().put(artifact.object.key, Readable.from([altered]))

    const job = { workspaceId: workspace.id, requestId }
    await expect(buildExport(job)).rejects.toThrow(/cannot be read/)
    expect(await objectStore().exists(`workspaces/${workspace.id}/exports/${requestId}.zip`)).toBe(false)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM request_export WHERE request_id = $1', [requestId])).rows[0].n).toBe(0)
    await failExport(job)
    expect((await requestState(requestId)).state).toBe('needs_attention')

    await objectStore().put(artifact.object.key, Readable.from([stored]))
    await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE singleton_key = $1`, [requestId])
    const scope = { workspaceId: workspace.id, actor: { type: 'user', userId: agent.userId } as const }
    expect(await withTenant(scope, (tx) => retryExport(tx, scope, requestId))).toBe(true)
    expect(await requestState(requestId)).toEqual({ state: 'in_progress', attention_reason: null })
    expect(await queued('dsar.export', requestId)).toBe(1)
    await buildExport(job)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM request_export WHERE request_id = $1', [requestId])).rows[0].n).toBe(1)
    // The collected data was deleted once the export held it; running the job again changes nothing.
    expect(await objectStore().exists(artifact.object.key)).toBe(false)
    await buildExport(job)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM request_export WHERE request_id = $1', [requestId])).rows[0].n).toBe(1)
  })
})
