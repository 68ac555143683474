// Erasure is idempotent (a second run erases nothing and says so), and exports live 7 days
// from their release: the expiry job deletes the stored object and marks the row, with an audit
// entry; an export still waiting for review is never swept.
import { randomUUID } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { builtInConnector } from '~/modules/dsar/connectors/built-in.server'
import type { ErasureReceipt } from '~/modules/dsar/connectors/connector'
import { type ExportObject, buildExport, deleteExpiredExports, openExport } from '~/modules/dsar/export.server'
import { sendExportToRequester } from '~/modules/dsar/export-review.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import type { RequestInput } from '~/modules/dsar/portal-form'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { subscribe } from '~/modules/trust/subprocessor-subscribers.server'
import { signedDpaOf } from '../support/dpa-signatures'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { addTrustRecordsOf } from '../support/subject-records'
import { documentsOf } from '../support/trust-documents'
import { readZip } from '../support/zip'

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
    expect(first.items.map((i) => i.count)).toEqual([expect.any(Number), 1, 1, 0, 0, 0, 0])
    // The earlier request's two delivered e-mails; this request's own are still queued, so kept.
    expect(first.items[0]!.count).toBe(2)
    const second = await run()
    expect(second.items.map((i) => i.count)).toEqual([0, 0, 0, 0, 0, 0, 0])
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
  it('are deleted from storage and marked, with an audit entry; fresh ones and ones under review stay', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const old = await confirmed(workspace.slug, 'access', faker.internet.email().toLowerCase())
    const fresh = await confirmed(workspace.slug, 'access', faker.internet.email().toLowerCase())
    const waiting = await confirmed(workspace.slug, 'access', faker.internet.email().toLowerCase())
    for (const request of [old, fresh, waiting]) {
      await runTask({ workspaceId: workspace.id, taskId: request.taskId })
      await buildExport({ workspaceId: workspace.id, requestId: request.id })
    }
    // A member reviewed and sent two of them; the third still waits for review.
    for (const request of [old, fresh]) await sendExportToRequester(member, request.id, {})
    const objectOf = async (id: string) =>
      ((await ownerPool().query('SELECT object FROM request_export WHERE request_id = $1', [id])).rows[0].object as ExportObject).key
    const [oldKey, freshKey, waitingKey] = [await objectOf(old.id), await objectOf(fresh.id), await objectOf(waiting.id)]
    expect(await objectStore().exists(oldKey)).toBe(true)
    await ownerPool().query(`UPDATE request_export SET expires_at = now() - interval '1 minute' WHERE request_id = $1`, [old.id])

    expect(await deleteExpiredExports()).toBeGreaterThanOrEqual(1)
    expect(await objectStore().exists(oldKey)).toBe(false)
    expect(await objectStore().exists(freshKey)).toBe(true)
    expect(await objectStore().exists(waitingKey)).toBe(true)
    const rows = await ownerPool().query('SELECT request_id, deleted_at FROM request_export WHERE workspace_id = $1', [workspace.id])
    expect(rows.rows.find((r) => r.request_id === old.id)?.deleted_at).toBeInstanceOf(Date)
    expect(rows.rows.find((r) => r.request_id === fresh.id)?.deleted_at).toBeNull()
    expect(rows.rows.find((r) => r.request_id === waiting.id)?.deleted_at).toBeNull()
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.delete'`, [workspace.id])
    expect(audit.rows[0].n).toBe(1)
  })
})

describe("the trust center's records of the subject", () => {
  it('are exported; erasure overwrites ungranted document requests, keeps the NDA evidence and DPAs, pseudonymises reports; once', async () => {
    const { workspace } = await makeWorkspace()
    const { workspace: other } = await makeWorkspace()
    // An underscore in the subject's address: a LIKE pattern would also match "noorx…".
    const local = `noor_${randomUUID().slice(0, 8)}`
    const email = `${local}@customer.example`
    const neighbour = `${local.replace('_', 'x')}@customer.example`
    for (const w of [workspace, other]) {
      const { gatedId } = await documentsOf(w, 'SOC 2')
      await signedDpaOf(w)
      await addTrustRecordsOf(w.slug, gatedId, email, 'Noor Haddad')
      if (w === workspace) await addTrustRecordsOf(w.slug, gatedId, neighbour, 'Nora Other')
    }
    const reference = (await ownerPool().query('SELECT reference FROM vulnerability_report WHERE workspace_id = $1 AND reporter_email = $2', [workspace.id, email])).rows[0].reference

    // Access: the real export, decrypted and unzipped, holds the subject's records and no one else's.
    const access = await confirmed(workspace.slug, 'access', email)
    await runTask({ workspaceId: workspace.id, taskId: access.taskId })
    await buildExport({ workspaceId: workspace.id, requestId: access.id })
    const files = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, async (tx) => {
      const exported = await tx.requestExport.findFirstOrThrow({ where: { requestId: access.id } })
      const open = await openExport(tx, workspace.id, exported.object as ExportObject)
      const chunks: Buffer[] = []
      for await (const chunk of await open()) chunks.push(chunk as Buffer)
      return readZip(Buffer.concat(chunks))
    })
    const json = (name: string) => JSON.parse(files.get(`candor-this-privacy-portal/${name}.json`)!) as Record<string, unknown>[]
    const requests = json('document_requests')
    expect(requests.map((r) => r.state).sort()).toEqual(['approved', 'denied', 'pending'])
    expect(requests.every((r) => r.email === email && r.name === 'Noor Haddad' && r.document === 'SOC 2 gated' && r.nda_version === 1)).toBe(true)
    expect(json('dpa_signatures')).toEqual([expect.objectContaining({ signer_email: email, signer_name: 'Noor Haddad', document: expect.stringContaining('Noor Haddad') })])
    expect(json('vulnerability_reports')).toEqual([expect.objectContaining({ reference, reporter_email: email, reporter_name: 'Noor Haddad' })])
    expect(files.get('candor-this-privacy-portal/dpa_signatures.csv')!.split('\r\n')[0]).toBe(
      'signed_at,signer_name,signer_title,signer_email,company_name,company_address,ip,user_agent,document_sha256,document',
    )
    expect(files.get('summary.html')).toContain('vulnerability_reports')
    for (const name of ['document_requests', 'dpa_signatures', 'vulnerability_reports']) {
      expect(files.get(`candor-this-privacy-portal/${name}.json`)).not.toContain(neighbour)
      expect(files.get(`candor-this-privacy-portal/${name}.json`)).not.toContain('Nora Other')
    }

    // Erasure, twice: the second run erases nothing and still names what is kept.
    const erasure = await confirmed(workspace.slug, 'erasure', email)
    const run = () =>
      withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
        builtInConnector.erase({ tx, workspaceId: workspace.id, systemName: 'Candor' }, { requestId: erasure.id, email, name: 'Noor Haddad' }),
      )
    const count = (receipt: ErasureReceipt, what: RegExp, list: 'items' | 'kept' = 'items') =>
      receipt[list]!.find((item) => what.test(item.what))!.count
    const first = await run()
    expect(count(first, /trust-document requests that were never granted/)).toBe(2)
    expect(count(first, /access links/)).toBe(1)
    expect(count(first, /vulnerabilities you reported/)).toBe(1)
    expect(count(first, /NDA/, 'kept')).toBe(1)
    expect(count(first, /data processing agreements/, 'kept')).toBe(1)
    expect(first.kept!.every((k) => /Art\. 17\(3\)/.test(k.why))).toBe(true)
    const second = await run()
    expect(second.items.every((i) => i.count === 0)).toBe(true)
    expect(second.kept).toEqual(first.kept)

    const inWorkspace = async (sql: string, id = workspace.id) => (await ownerPool().query(sql, [id])).rows
    expect(
      await inWorkspace(`SELECT state, name, company, ip, user_agent, deny_reason, email LIKE 'erased-%@erased.invalid' AS erased
                           FROM trust_document_request WHERE workspace_id = $1 AND (email LIKE 'erased-%' OR email = '${email}') ORDER BY state`),
    ).toEqual([
      { state: 'denied', name: '[erased]', company: '[erased]', ip: null, user_agent: null, deny_reason: null, erased: true },
      { state: 'denied', name: '[erased]', company: '[erased]', ip: null, user_agent: null, deny_reason: null, erased: true },
      { state: 'revoked', name: 'Noor Haddad', company: 'Noor Haddad Ltd', ip: expect.any(String), user_agent: 'vitest', deny_reason: null, erased: false },
    ])
    expect(await inWorkspace(`SELECT signer_name FROM dpa_signature WHERE workspace_id = $1 AND signer_email = '${email}'`)).toEqual([{ signer_name: 'Noor Haddad' }])
    expect(await inWorkspace(`SELECT reporter_name, reporter_email LIKE 'erased-%@erased.invalid' AS erased, reproduction_steps FROM vulnerability_report WHERE workspace_id = $1 AND reference = '${reference}'`)).toEqual([
      { reporter_name: null, erased: true, reproduction_steps: expect.stringContaining('/api/v1/invoices') },
    ])
    // The neighbour in this workspace and the subject in another are untouched.
    for (const [id, address, name] of [[workspace.id, neighbour, 'Nora Other'], [other.id, email, 'Noor Haddad']] as const) {
      const states = await ownerPool().query('SELECT name, state FROM trust_document_request WHERE workspace_id = $1 AND email = $2 ORDER BY state::text', [id, address])
      expect(states.rows).toEqual(['approved', 'denied', 'pending'].map((state) => ({ name, state })))
      const reports = await ownerPool().query('SELECT reporter_name FROM vulnerability_report WHERE workspace_id = $1 AND reporter_email = $2', [id, address])
      expect(reports.rows).toEqual([{ reporter_name: name }])
    }
  })
})
