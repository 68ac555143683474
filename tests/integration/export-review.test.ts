// Review before delivery (issue 12, item 1): an assembled export reaches nobody until a member
// sends it. The subject's status page says it is being reviewed and the download is refused;
// "Send to the requester" e-mails them and opens the download; "Assemble again" runs the tasks
// anew. Automatic release is a workspace's choice, refused while Candor's own records are its
// only data system. The routes' loaders and actions are called as React Router calls them, with
// a member's real session and a requester's real session.
import { faker } from '@faker-js/faker'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { buildExport, deleteExpiredExports } from '~/modules/dsar/export.server'
import { fileRequestByApi } from '~/modules/dsar/file-request.server'
import { addManualSystem } from '~/modules/dsar/privacy-settings.server'
import { requesterCookie } from '~/modules/dsar/requester-access.server'
import { openRequesterSession } from '~/modules/dsar/requester-codes.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { completeManualTask } from '~/modules/dsar/manual-tasks.server'
import { completeRequest, RequestRuleError, rejectRequest } from '~/modules/dsar/workflow.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { action as requestAction } from '~/routes/dashboard/request'
import { action as privacySettingsAction } from '~/routes/dashboard/privacy-settings'
import { loader as downloadLoader } from '~/routes/privacy/export-download'
import { loader as statusLoader } from '~/routes/privacy/status'
import { appOrigin } from '~/modules/config/env.server'
import { formatDayForSubject } from '~/modules/dsar/subject-time-zone'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { requestInputFor } from '../support/requests'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const PORTAL = 'https://portal.example'

/** An access request of `workspace`, received, every automatic task run, as the jobs would. */
async function fileAndCollect(workspaceId: string, type: 'access' | 'portability' | 'erasure' = 'access') {
  const input = requestInputFor({ type })
  const filed = await fileRequestByApi(
    { workspaceId, actor: { type: 'system', reason: 'test' } },
    { ...input, emailVerified: true },
    { portalOrigin: PORTAL },
  )
  const tasks = await ownerPool().query<{ id: string }>(
    `SELECT t.id FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1 AND s.kind = 'built_in'`,
    [filed.id],
  )
  for (const task of tasks.rows) await runTask({ workspaceId, taskId: task.id })
  return filed
}

/** A member's session cookie, as signing in makes it. */
async function memberCookie(userId: string) {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

/** The requester's cookie after they opened their page with an e-mailed code. */
async function requesterSession(slug: string, requestId: string) {
  const token = await withPublicWorkspace(slug, async (tx) => {
    const request = await tx.privacyRequest.findUniqueOrThrow({ where: { id: requestId } })
    return openRequesterSession(tx, request)
  })
  return (await requesterCookie(slug).serialize(token!)).split(';')[0]!
}

const context = () => {
  const provider = new RouterContextProvider()
  provider.set(requestInfoContext, { nonce: 'test', clientIp: faker.internet.ipv4() })
  return provider
}

const page = (path: string, cookie: string) => new Request(`http://127.0.0.1:3000${path}`, { headers: { cookie } })

async function statusOf(slug: string, reference: string, cookie: string) {
  const loaded = await statusLoader({
    request: page(`/p/${slug}/requests/${reference}`, cookie),
    params: { slug, reference },
    context: context(),
  } as never)
  if (loaded.view !== 'open') throw new Error('the status page stayed locked')
  return loaded.request
}

async function download(slug: string, reference: string, cookie: string) {
  const answer = await (
    downloadLoader({ request: page(`/p/${slug}/requests/${reference}/export`, cookie), params: { slug, reference }, context: context() } as never) as Promise<unknown>
  ).catch((thrown: unknown) => thrown)
  return answerOf(answer)
}

const mailsTo = async (email: string, subjectLike: string) =>
  (await ownerPool().query<{ subject: string; text: string }>(`SELECT subject, text FROM email_message WHERE "to" = $1 AND subject LIKE $2`, [email, subjectLike])).rows

const exportRow = async (requestId: string) =>
  (
    await ownerPool().query<{ id: string; object: { key: string }; released_at: Date | null; expires_at: Date | null; released_by: string | null; assembly: number; deleted_at: Date | null; contents: { files: { collection: string; rows: number }[]; summary: { title: string; text: string }[] } }>(
      'SELECT id, object, released_at, expires_at, released_by, assembly, deleted_at, contents FROM request_export WHERE request_id = $1',
      [requestId],
    )
  ).rows[0]!

describe('an assembled export', () => {
  it('waits for a member: the subject is told it is under review and cannot download it; "Send to the requester" e-mails them and opens the download', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const filed = await fileAndCollect(workspace.id)
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })

    const assembled = await exportRow(filed.id)
    expect(assembled).toMatchObject({ released_at: null, expires_at: null, assembly: 1 })
    expect(assembled.contents.files.map((f) => f.collection)).toContain('privacy_requests')
    expect(assembled.contents.summary[0]).toEqual({ title: 'Who is responsible for your data', text: workspace.name })

    const subject = await requesterSession(workspace.slug, filed.id)
    const before = await statusOf(workspace.slug, filed.reference, subject)
    expect(before).toMatchObject({ underReview: true, download: null })
    const refused = await download(workspace.slug, filed.reference, subject)
    expect(refused.status).toBe(409)
    expect(String(refused.body)).toBe(
      `Your data cannot be downloaded yet: ${workspace.name} reviews the export before sending it to you. You will get an e-mail when it is sent.`,
    )
    expect(await mailsTo(filed.email, '%your data is ready%')).toEqual([])
    const agentMember = { user: { id: agent.userId }, tenant: { workspaceId: workspace.id, actor: { type: 'user', userId: agent.userId } } } as never
    await expect(completeRequest(agentMember, filed.id, 'Here is your data.', {})).rejects.toThrow(RequestRuleError)

    // A viewer reads the request but may not send its export.
    const viewer = await addMember(workspace.id, 'viewer')
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(requestAction, {
        path: `/w/${workspace.slug}/requests/${filed.reference}`,
        params: { slug: workspace.slug, reference: filed.reference },
        form,
        headers: { cookie },
      })
    expect((await answerOf(await post(await memberCookie(viewer.userId), { intent: 'release_export' }))).status).toBe(403)
    expect((await exportRow(filed.id)).released_at).toBeNull()

    const agentCookie = await memberCookie(agent.userId)
    expect((await answerOf(await post(agentCookie, { intent: 'release_export' }))).status).toBe(302)

    const released = await exportRow(filed.id)
    expect(released.released_by).toBe(agent.userId)
    expect(released.expires_at!.getTime() - released.released_at!.getTime()).toBe(7 * 24 * 60 * 60 * 1000)
    const [mail] = await mailsTo(filed.email, '%your data is ready to download%')
    // A single-use follow link, at Candor's own origin (never a stored one).
    expect(mail!.text).toMatch(new RegExp(`${appOrigin()}/p/${workspace.slug}/requests/${filed.reference}\\?follow=[\\w-]{43}`))
    expect(mail!.text).toContain(released.expires_at!.toISOString().slice(0, 10))
    const audit = await ownerPool().query(
      `SELECT actor_type, actor_id FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.release'`,
      [workspace.id],
    )
    expect(audit.rows).toEqual([{ actor_type: 'user', actor_id: agent.userId }])

    const after = await statusOf(workspace.slug, filed.reference, subject)
    expect(after.underReview).toBe(false)
    // Dates on the status page are in the requester's zone, named (UTC here: none was given).
    expect(after.download?.expiresAt).toBe(formatDayForSubject(released.expires_at!, null))
    const got = await download(workspace.slug, filed.reference, subject)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('application/zip')

    // Sent once: a second release is refused with a message, and nothing is e-mailed again.
    const again = await answerOf(await post(agentCookie, { intent: 'release_export' }))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ error: 'The export was already sent to the requester.' })
    expect(await mailsTo(filed.email, '%your data is ready to download%')).toHaveLength(1)
    await completeRequest(agentMember, filed.id, 'Here is your data.', {})
  })

  it('sent back with "Assemble again": the old ZIP is deleted, the tasks run anew, the next assembly waits for review', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const agent = await addMember(workspace.id, 'agent')
    const filed = await fileAndCollect(workspace.id, 'portability')
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const first = await exportRow(filed.id)
    expect(await objectStore().exists(first.object.key)).toBe(true)

    const post = async (form: Record<string, string>) =>
      answerOf(
        await callAction(requestAction, {
          path: `/w/${workspace.slug}/requests/${filed.reference}`,
          params: { slug: workspace.slug, reference: filed.reference },
          form,
          headers: { cookie: await memberCookie(agent.userId) },
        }),
      )
    const missing = await post({ intent: 'assemble_again', sendBackReason: '' })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ fieldErrors: { sendBackReason: 'Say what is missing, for the timeline.' } })
    expect((await post({ intent: 'assemble_again', sendBackReason: 'The billing history is missing.' })).status).toBe(302)

    expect(await objectStore().exists(first.object.key)).toBe(false)
    const tasks = await ownerPool().query<{ state: string }>('SELECT state FROM request_task WHERE request_id = $1', [filed.id])
    expect(tasks.rows.map((t) => t.state)).toEqual(['pending'])
    const subject = await requesterSession(workspace.slug, filed.id)
    expect(await statusOf(workspace.slug, filed.reference, subject)).toMatchObject({ underReview: false, download: null })
    expect((await download(workspace.slug, filed.reference, subject)).status).toBe(409)

    const taskIds = await ownerPool().query<{ id: string }>('SELECT id FROM request_task WHERE request_id = $1', [filed.id])
    await runTask({ workspaceId: workspace.id, taskId: taskIds.rows[0]!.id })
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const second = await exportRow(filed.id)
    expect(second).toMatchObject({ id: first.id, assembly: 2, deleted_at: null, released_at: null })
    expect(second.object.key).toBe(`workspaces/${workspace.id}/exports/${filed.id}-2.zip`)
    expect(await statusOf(workspace.slug, filed.reference, subject)).toMatchObject({ underReview: true })

    expect((await post({ intent: 'release_export' })).status).toBe(302)
    expect((await download(workspace.slug, filed.reference, subject)).status).toBe(200)
  })
})

describe('an export never sent', () => {
  it('is deleted by the hourly expiry once its request is rejected', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const filed = await fileAndCollect(workspace.id)
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const { object } = await exportRow(filed.id)
    await deleteExpiredExports()
    expect(await objectStore().exists(object.key)).toBe(true)

    await rejectRequest(member, filed.id, { ground: 'identity_not_verified', explanation: 'The e-mail does not match any account.' }, {})
    await deleteExpiredExports()
    expect(await objectStore().exists(object.key)).toBe(false)
    expect((await exportRow(filed.id)).deleted_at).toBeInstanceOf(Date)
  })
})

describe('automatic release', () => {
  it('is refused while Candor’s own records are the only data system; once chosen, an assembled export goes out at once', async () => {
    const { workspace, owner, member } = await makeOwnedWorkspace()
    const cookie = await memberCookie(owner.id)
    const save = async (form: Record<string, string>) =>
      answerOf(
        await callAction(privacySettingsAction, {
          path: `/w/${workspace.slug}/privacy`,
          params: { slug: workspace.slug },
          form: { intent: 'auto_release', ...form },
          headers: { cookie },
        }),
      )
    const refused = await save({ 'autoRelease.access': 'on' })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({
      error:
        'Automatic release needs at least one data system besides Candor’s own: add the systems that hold your customers’ data first. Until then a member reviews each export.',
    })
    const stored = async () =>
      (await ownerPool().query<{ export_auto_release: string }>('SELECT export_auto_release::text FROM workspace WHERE id = $1', [workspace.id])).rows[0]!
        .export_auto_release
    expect(await stored()).toBe('{}')

    await addManualSystem(member, { name: 'Billing', instructions: 'Export the customer’s invoices.' }, {})
    expect((await save({ 'autoRelease.access': 'on' })).status).toBe(302)
    expect(await stored()).toBe('{access}')

    // Portability still waits for review; access goes out as soon as it is assembled.
    const portability = await fileAndCollect(workspace.id, 'portability')
    const access = await fileAndCollect(workspace.id, 'access')
    for (const filed of [portability, access]) {
      const manual = await ownerPool().query<{ id: string }>(`SELECT id FROM request_task WHERE request_id = $1 AND state = 'waiting_for_staff'`, [filed.id])
      await completeManualTask(member, manual.rows[0]!.id, 'No invoices for this person.', {})
      await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    }
    expect((await exportRow(portability.id)).released_at).toBeNull()
    expect(await mailsTo(portability.email, '%your data is ready to download%')).toEqual([])
    const auto = await exportRow(access.id)
    expect(auto.released_at).not.toBeNull()
    expect(auto.released_by).toBeNull()
    expect(await mailsTo(access.email, '%your data is ready to download%')).toHaveLength(1)
    const audit = await ownerPool().query(
      `SELECT actor_type, actor_id, after FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.release'`,
      [workspace.id],
    )
    expect(audit.rows).toEqual([{ actor_type: 'system', actor_id: 'dsar.export', after: expect.objectContaining({ automatic: true }) }])

    // Turning it off is always allowed.
    expect((await save({})).status).toBe(302)
    expect(await stored()).toBe('{}')
  })
})

describe('an erasure', () => {
  it('is never completed by its tasks: a member completes it', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const filed = await fileAndCollect(workspace.id, 'erasure')
    const state = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
      tx.privacyRequest.findUniqueOrThrow({ where: { id: filed.id }, select: { state: true, completedAt: true } }),
    )
    expect(state).toEqual({ state: 'in_progress', completedAt: null })
  })
})
