// A requester's file with their answer, against real PostgreSQL, the real object store and real
// encryption: only when the company asked for identity information, only PDF/PNG/JPEG judged by
// content, stored encrypted, opened by staff with an audit entry, deleted with the request's
// data by the built-in erasure; a refused file leaves no half-written answer.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { builtInConnector } from '~/modules/dsar/connectors/built-in.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { downloadRequesterAttachment } from '~/modules/dsar/requester-attachment-staff.server'
import { askSubject } from '~/modules/dsar/workflow.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { action as statusAction } from '~/routes/privacy/status'
import { makeOwnedWorkspace } from '../support/factories'
import { PNG_BYTES } from '../support/requester-attachments'
import { newestMailTo } from '../support/requester-mail'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

async function readAll(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}

/** A confirmed request the company asked about, and the requester's session on its page. */
async function askedRequest(reason: 'identity' | 'clarification', email = faker.internet.email().toLowerCase()) {
  const { workspace, member } = await makeOwnedWorkspace()
  const input = { type: 'access', subjectName: 'Noor', email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null } as const
  const filed = await fileRequest(workspace.slug, input, { ip: faker.internet.ipv4(), portalOrigin: appOrigin() })
  if (filed.outcome !== 'filed') throw new Error(filed.outcome)
  const confirm = await newestMailTo(email, 'Confirm your privacy request%')
  await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: confirm.code! } }, {})
  const { rows } = await ownerPool().query('SELECT id FROM privacy_request WHERE reference = $1', [filed.reference])
  const since = new Date()
  await askSubject(member, rows[0].id, { reason, message: 'Please send a photo of your ID.' }, {})
  const asked = await newestMailTo(email, `${workspace.name}: we need%`, since)
  const token = new URL(/(https?:\/\/\S+\?follow=\S+)/.exec(asked.text)![1]!).searchParams.get('follow')!
  const path = { path: `/p/${workspace.slug}/requests/${filed.reference}`, params: { slug: workspace.slug, reference: filed.reference } }
  const opened = await answerOf(await callAction(statusAction as never, { ...path, form: { intent: 'follow', token } }))
  const cookie = opened.headers.get('set-cookie')!.split(';')[0]!
  const answer = (file: File) => {
    const form = new FormData()
    form.set('intent', 'reply')
    form.set('body', 'Here it is.')
    form.set('attachment', file)
    return callAction(statusAction as never, { ...path, form, headers: { cookie } }).then(answerOf)
  }
  return { workspace, member, requestId: rows[0].id as string, email, answer }
}

const answersOf = async (requestId: string) =>
  (await ownerPool().query(`SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND kind = 'subject_message'`, [requestId])).rows[0].n

describe('a requester’s attachment', () => {
  it('is stored encrypted with the answer, and staff download the same bytes, audited', async () => {
    const { member, requestId, answer } = await askedRequest('identity')
    expect((await answer(new File([PNG_BYTES], 'passport.PNG'))).status).toBe(302)
    const { rows } = await ownerPool().query('SELECT * FROM requester_attachment WHERE request_id = $1', [requestId])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ file_name: 'passport.PNG', content_type: 'image/png', bytes: String(PNG_BYTES.length) })
    const stored = await readAll(await objectStore().get(rows[0].object.key))
    expect(stored.includes(Buffer.from(PNG_BYTES.slice(0, 8)))).toBe(false)

    const download = await downloadRequesterAttachment(member, requestId, rows[0].id, {})
    expect(download).toMatchObject({ contentType: 'image/png' })
    expect(new Uint8Array(await readAll(download!.stream))).toEqual(PNG_BYTES)
    const audit = await ownerPool().query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'request.attachment.download' AND target_id = $1`, [rows[0].id])
    expect(audit.rows[0].n).toBe(1)
  })

  it('is refused when it is not a PDF, PNG or JPEG by content, and no answer is written', async () => {
    const { requestId, answer } = await askedRequest('identity')
    const refused = await answer(new File(['MZ this is a program'], 'passport.png'))
    expect(refused.status).toBe(409)
    expect(refused.body).toEqual({ error: 'Attach a PDF, PNG or JPEG file (judged by its content, not its name).' })
    expect(await answersOf(requestId)).toBe(0)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM requester_attachment WHERE request_id = $1', [requestId])).rows[0].n).toBe(0)
  })

  it('is refused when the company asked for a clarification, not identity information', async () => {
    const { requestId, answer } = await askedRequest('clarification')
    const refused = await answer(new File([PNG_BYTES], 'passport.png'))
    expect(refused.status).toBe(409)
    expect(await answersOf(requestId)).toBe(0)
  })

  it('is deleted, row and object, when the requester later has their data erased', async () => {
    const { workspace, requestId, email, answer } = await askedRequest('identity')
    expect((await answer(new File([PNG_BYTES], 'passport.png'))).status).toBe(302)
    const { rows } = await ownerPool().query('SELECT object FROM requester_attachment WHERE request_id = $1', [requestId])
    await ownerPool().query(`UPDATE privacy_request SET state = 'completed', completed_at = now() WHERE id = $1`, [requestId])
    const erasing = { requestId: faker.string.uuid(), email, name: 'Noor' }
    await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      builtInConnector.erase({ tx, workspaceId: workspace.id, systemName: 'Candor' }, erasing),
    )
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM requester_attachment WHERE request_id = $1', [requestId])).rows[0].n).toBe(0)
    expect(await objectStore().exists(rows[0].object.key)).toBe(false)
  })
})
