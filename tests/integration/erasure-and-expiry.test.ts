// Erasure is idempotent (a second run erases nothing and says so), and exports live 7 days:
// the expiry job deletes the stored object and marks the row, with an audit entry.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { builtInConnector } from '~/modules/dsar/connectors/built-in.server'
import { type ExportObject, buildExport, deleteExpiredExports } from '~/modules/dsar/export.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import type { RequestInput } from '~/modules/dsar/portal-form'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { subscribe } from '~/modules/trust/subprocessor-subscribers.server'
import { makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

async function confirmed(slug: string, type: RequestInput['type'], email: string) {
  const filed = await fileRequest(
    slug,
    { type, subjectName: 'Noor', email, relationship: 'customer', jurisdiction: 'gdpr', details: 'Account 7731', agentName: null, agentAuthority: null },
    { ip: faker.internet.ipv4(), portalOrigin: 'https://portal.example' },
  )
  if (filed.outcome !== 'filed') throw new Error('not filed')
  const mail = await newestMailTo(email, 'Confirm your privacy request%', new Date(Date.now() - 1000))
  await confirmRequest(slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
  const { rows } = await ownerPool().query(
    'SELECT r.id, t.id AS task_id FROM privacy_request r LEFT JOIN request_task t ON t.request_id = r.id WHERE r.reference = $1',
    [filed.reference],
  )
  return { id: rows[0].id as string, taskId: rows[0].task_id as string, reference: filed.reference }
}

describe('the built-in erasure', () => {
  it('erases once: a second run finds nothing and its receipt says zero', async () => {
    const { workspace } = await makeWorkspace()
    const email = faker.internet.email().toLowerCase()
    const earlier = await confirmed(workspace.slug, 'access', email)
    await ownerPool().query(`UPDATE privacy_request SET state = 'completed', completed_at = now() WHERE id = $1`, [earlier.id])
    await ownerPool().query(`UPDATE email_message SET status = 'outbox' WHERE "to" = $1`, [email])
    await subscribe(workspace.slug, email, { ip: faker.internet.ipv4(), publicOrigin: 'https://trust.example' })
    const erasure = await confirmed(workspace.slug, 'erasure', email)
    const subject = { requestId: erasure.id, email, name: 'Noor' }
    const run = () =>
      withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
        builtInConnector.erase({ tx, workspaceId: workspace.id, systemName: 'Candor' }, subject),
      )
    const first = await run()
    expect(first.items.map((i) => i.count)).toEqual([expect.any(Number), 1, 1, 0])
    // The earlier request's two delivered e-mails; this request's own are still queued, so kept.
    expect(first.items[0]!.count).toBe(2)
    const second = await run()
    expect(second.items.map((i) => i.count)).toEqual([0, 0, 0, 0])
    const kept = await ownerPool().query('SELECT subject_name, details, reference FROM privacy_request WHERE id = $1', [earlier.id])
    expect(kept.rows[0]).toEqual({ subject_name: '[erased]', details: '', reference: earlier.reference })
    const subscriptions = await ownerPool().query('SELECT count(*)::int AS n FROM subprocessor_subscriber WHERE email = $1', [email])
    expect(subscriptions.rows[0].n).toBe(0)
    // The current request is kept whole: it is the proof that the erasure was done.
    const current = await ownerPool().query('SELECT subject_name, email FROM privacy_request WHERE id = $1', [erasure.id])
    expect(current.rows[0]).toEqual({ subject_name: 'Noor', email })
  })
})

describe('exports past their 7 days', () => {
  it('are deleted from storage and marked, with an audit entry; fresh ones stay', async () => {
    const { workspace } = await makeWorkspace()
    const old = await confirmed(workspace.slug, 'access', faker.internet.email().toLowerCase())
    const fresh = await confirmed(workspace.slug, 'access', faker.internet.email().toLowerCase())
    for (const request of [old, fresh]) {
      await runTask({ workspaceId: workspace.id, taskId: request.taskId })
      await buildExport({ workspaceId: workspace.id, requestId: request.id })
    }
    const objectOf = async (id: string) =>
      ((await ownerPool().query('SELECT object FROM request_export WHERE request_id = $1', [id])).rows[0].object as ExportObject).key
    const [oldKey, freshKey] = [await objectOf(old.id), await objectOf(fresh.id)]
    expect(await objectStore().exists(oldKey)).toBe(true)
    await ownerPool().query(`UPDATE request_export SET expires_at = now() - interval '1 minute' WHERE request_id = $1`, [old.id])

    expect(await deleteExpiredExports()).toBeGreaterThanOrEqual(1)
    expect(await objectStore().exists(oldKey)).toBe(false)
    expect(await objectStore().exists(freshKey)).toBe(true)
    const rows = await ownerPool().query('SELECT request_id, deleted_at FROM request_export WHERE workspace_id = $1', [workspace.id])
    expect(rows.rows.find((r) => r.request_id === old.id)?.deleted_at).toBeInstanceOf(Date)
    expect(rows.rows.find((r) => r.request_id === fresh.id)?.deleted_at).toBeNull()
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.delete'`, [workspace.id])
    expect(audit.rows[0].n).toBe(1)
  })
})
