// Bulk close for duplicates (issue 12, item 8): ticked requests are closed as duplicates of one
// request named by its reference. Each is closed whole in its own transaction (state, timeline,
// e-mail, audit) or not at all; refusals are named per request; the requester is told the other
// reference only when it is theirs (same e-mail address); the trust page's on-time check leaves
// duplicates out and says so; a duplicate's tasks stop. Real PostgreSQL, queue and routes.
import { faker } from '@faker-js/faker'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { closeDuplicates, closeDuplicatesForm } from '~/modules/dsar/desk/close-duplicates.server'
import { buildExport, deleteExpiredExports } from '~/modules/dsar/export.server'
import { deleteRejectedRequestsTaskData } from '~/modules/dsar/expiry.server'
import { requesterCookie } from '~/modules/dsar/requester-access.server'
import { openRequesterSession } from '~/modules/dsar/requester-codes.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { requestWebhookEvent } from '~/modules/webhooks/event-schema.server'
import { loader as statusLoader } from '~/routes/privacy/status'
import { addMember, makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { receivedDaysAgo, receivedRequest } from '../support/requests'
import { startWebhookReceiver } from '../support/webhook-receiver'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

async function desk() {
  const { workspace } = await makeOwnedWorkspace()
  const agent = await addMember(workspace.id, 'agent')
  const member = { user: { id: agent.userId }, tenant: { workspaceId: workspace.id, actor: { type: 'user', userId: agent.userId } } } as unknown as Member
  return { workspace, member }
}

const close = (member: Member, requestIds: string[], duplicateOf: string) =>
  closeDuplicates(member, closeDuplicatesForm.parse({ requestIds, duplicateOf, confirm: 'yes' }), {})

const row = async (id: string) =>
  (await ownerPool().query<{ state: string; duplicate_of_id: string | null }>('SELECT state, duplicate_of_id FROM privacy_request WHERE id = $1', [id])).rows[0]!
const eventsOf = async (id: string) =>
  (await ownerPool().query<{ kind: string; public: boolean; body: string }>('SELECT kind, public, body FROM request_event WHERE request_id = $1 ORDER BY created_at', [id])).rows
const auditOf = async (id: string) =>
  (await ownerPool().query<{ action: string }>("SELECT action FROM audit_entry WHERE target_id = $1 AND action = 'request.close_duplicate'", [id])).rows
const mailsTo = async (email: string) =>
  (await ownerPool().query<{ subject: string; text: string }>(`SELECT subject, text FROM email_message WHERE "to" = $1 AND text LIKE '%duplicate%'`, [email])).rows

async function statusOf(slug: string, requestId: string, reference: string) {
  const token = await withPublicWorkspace(slug, async (tx) => openRequesterSession(tx, await tx.privacyRequest.findUniqueOrThrow({ where: { id: requestId } })))
  const cookie = (await requesterCookie(slug).serialize(token!)).split(';')[0]!
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'test', clientIp: faker.internet.ipv4() })
  const loaded = await statusLoader({
    request: new Request(`http://127.0.0.1:3000/p/${slug}/requests/${reference}`, { headers: { cookie } }),
    params: { slug, reference },
    context,
  } as never)
  if (loaded.view !== 'open') throw new Error('the status page stayed locked')
  return loaded.request
}

describe('closing ticked requests as duplicates', () => {
  it('closes each whole, e-mails each requester, and names the other reference only to the same address', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const same = await receivedRequest(workspace.id, { email: original.email })
    const other = await receivedRequest(workspace.id)

    const outcome = await close(member, [same.id, other.id], original.reference.toLowerCase())
    expect(outcome).toEqual({ done: `2 requests closed as duplicates of ${original.reference}; each requester is e-mailed.`, refused: [] })
    for (const closed of [same, other]) {
      expect(await row(closed.id)).toEqual({ state: 'duplicate', duplicate_of_id: original.id })
      expect(await auditOf(closed.id)).toHaveLength(1)
    }

    const [sameMail] = await mailsTo(same.email).then((mails) => mails.filter((mail) => mail.subject.includes(same.reference)))
    expect(sameMail!.text).toContain(`closed your request ${same.reference} as a duplicate of your request ${original.reference}: it is handling your request under that reference.`)
    expect(sameMail!.text).toMatch(new RegExp(`/p/${workspace.slug}/requests/${original.reference}\\?follow=`))
    const [otherMail] = await mailsTo(other.email)
    expect(otherMail!.text).toContain(`closed your request ${other.reference} as a duplicate of another request it is handling.`)
    expect(otherMail!.text).toContain('If this is a mistake')
    expect(otherMail!.text).not.toContain(original.reference)

    // The requester's page: the same sentence, a link only to their own other request.
    const sameStatus = await statusOf(workspace.slug, same.id, same.reference)
    expect(sameStatus).toMatchObject({ state: 'duplicate', stateLabel: 'Closed as a duplicate', closed: true })
    expect(sameStatus.duplicate).toEqual({
      sentence: `Closed as a duplicate of ${original.reference}: ${workspace.name} is handling your request under that reference.`,
      reference: original.reference,
      href: `/p/${workspace.slug}/requests/${original.reference}`,
    })
    const otherStatus = await statusOf(workspace.slug, other.id, other.reference)
    expect(otherStatus.duplicate).toEqual({ sentence: `Closed as a duplicate of another request that ${workspace.name} is handling.`, reference: null, href: null })
    const publicEvents = (await eventsOf(other.id)).filter((event) => event.public)
    expect(publicEvents.map((event) => event.body).join(' ')).not.toContain(original.reference)
    expect((await eventsOf(other.id)).some((event) => !event.public && event.body.includes(original.reference))).toBe(true)
  })

  it('refuses a closed request, the target itself, a duplicate as target, and a target in another workspace, per request in plain words', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const open = await receivedRequest(workspace.id)
    const done = await receivedRequest(workspace.id)
    await ownerPool().query("UPDATE privacy_request SET state = 'completed', completed_at = now() WHERE id = $1", [done.id])

    expect(await close(member, [open.id, original.id], original.reference)).toEqual({
      done: null,
      refused: [`${original.reference} is ticked: untick it, since the others are closed as its duplicates.`],
    })
    expect(await close(member, [open.id, done.id], original.reference)).toEqual({
      done: `1 request closed as duplicates of ${original.reference}; each requester is e-mailed.`,
      refused: [`${done.reference} is completed: only an open request is closed as a duplicate.`],
    })
    expect((await row(done.id)).state).toBe('completed')

    const next = await receivedRequest(workspace.id)
    expect(await close(member, [next.id], open.reference)).toEqual({
      done: null,
      refused: [`${open.reference} is itself closed as a duplicate: close them as duplicates of the request it repeats.`],
    })
    // A request others repeat stays open, so no chain of duplicates leaves them without one.
    const third = await receivedRequest(workspace.id)
    expect(await close(member, [original.id], third.reference)).toEqual({
      done: null,
      refused: [`${original.reference} has duplicates of its own: it stays open, so they are not left without their request.`],
    })

    const elsewhere = await receivedRequest((await makeWorkspace()).workspace.id)
    expect(await close(member, [next.id], elsewhere.reference)).toEqual({ done: null, refused: [`There is no request ${elsewhere.reference} in this workspace.`] })
    expect(await close(member, [elsewhere.id], original.reference)).toEqual({ done: null, refused: ["1 of the ticked requests is not in this workspace's queue."] })
    expect((await row(elsewhere.id)).state).toBe('verified')
    expect((await row(next.id)).state).toBe('verified')
  })

  it('leaves no half-closed request: a failure in the middle writes nothing for that request', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const broken = await receivedRequest(workspace.id)
    // An address the e-mail module refuses: the e-mail is queued last but one, after the state.
    await ownerPool().query("UPDATE privacy_request SET email = 'not-an-address' WHERE id = $1", [broken.id])
    await expect(close(member, [broken.id], original.reference)).rejects.toThrow()
    expect(await row(broken.id)).toEqual({ state: 'verified', duplicate_of_id: null })
    expect((await eventsOf(broken.id)).filter((event) => event.kind === 'closed_duplicate')).toEqual([])
    expect(await auditOf(broken.id)).toEqual([])
  })

  it('refuses a form without the confirmation or with a malformed reference', () => {
    const base = { requestIds: [faker.string.uuid()], duplicateOf: 'R-7K3Q9XHM', confirm: 'yes' }
    expect(closeDuplicatesForm.safeParse({ ...base, confirm: null }).error?.issues[0]?.message).toBe('Tick “I understand …” to close them: closing cannot be undone.')
    expect(closeDuplicatesForm.safeParse({ ...base, duplicateOf: 'R-0000\u0000' }).error?.issues[0]?.message).toBe(
      'Write the reference of the request they duplicate, such as R-7K3Q9XHM.',
    )
    expect(closeDuplicatesForm.safeParse({ ...base, duplicateOf: 'x'.repeat(5000) }).success).toBe(false)
  })
})

describe('what else a duplicate changes', () => {
  it('is left out of the on-time check, which says how many it left out', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const late = await receivedRequest(workspace.id)
    await receivedDaysAgo(workspace.id, late.id, 50)
    expect((await runTrustChecks(workspace.id)).requests_on_time).toMatchObject({ passed: false })
    await close(member, [late.id], original.reference)
    expect((await runTrustChecks(workspace.id)).requests_on_time).toMatchObject({
      passed: true,
      summary: 'No privacy request has come due in the last 12 months. 1 request closed as a duplicate of another is not counted.',
      detail: { counted: 0, duplicatesLeftOut: 1 },
    })
  })

  it('is a webhook event whose request says duplicate and names the request it repeats (the API resource)', async () => {
    const receiver = await startWebhookReceiver()
    try {
      const { workspace, member } = await desk()
      const endpoint = await createWebhookEndpoint(member.tenant, { url: `${receiver.url}/hooks`, events: ['request.duplicate'] }, {})
      const original = await receivedRequest(workspace.id)
      const repeat = await receivedRequest(workspace.id)
      await close(member, [repeat.id], original.reference)
      const { rows } = await ownerPool().query('SELECT event_type, payload FROM webhook_delivery WHERE endpoint_id = $1', [endpoint.id])
      expect(rows.map((row) => row.event_type)).toEqual(['request.duplicate'])
      const event = requestWebhookEvent.parse(rows[0].payload)
      expect(event).toMatchObject({ previousState: 'verified', data: { reference: repeat.reference, state: 'duplicate', duplicateOf: original.reference } })
    } finally {
      await receiver.close()
    }
  })

  it('stops its tasks, as a rejected request’s', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const erasure = await receivedRequest(workspace.id, { type: 'erasure' })
    await close(member, [erasure.id], original.reference)
    const tasks = await withTenant(member.tenant, (tx) => tx.requestTask.findMany({ where: { requestId: erasure.id } }))
    expect(tasks.length).toBeGreaterThan(0)
    for (const task of tasks) await runTask({ workspaceId: workspace.id, taskId: task.id })
    const after = await withTenant(member.tenant, (tx) => tx.requestTask.findMany({ where: { requestId: erasure.id } }))
    expect(after.map((task) => task.state)).not.toContain('done')
  })

  it('has what was collected for it deleted unsent by the hourly expiry', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const access = await receivedRequest(workspace.id, { type: 'access' })
    const tasks = await withTenant(member.tenant, (tx) => tx.requestTask.findMany({ where: { requestId: access.id } }))
    for (const task of tasks) await runTask({ workspaceId: workspace.id, taskId: task.id })
    const collected = async () =>
      (await ownerPool().query("SELECT count(*)::int AS n FROM request_task WHERE request_id = $1 AND artifact IS NOT NULL AND artifact <> 'null'::jsonb", [access.id])).rows[0].n
    expect(await collected()).toBeGreaterThan(0)
    await close(member, [access.id], original.reference)
    await deleteRejectedRequestsTaskData()
    expect(await collected()).toBe(0)
  })

  it('never tells its requester that an export assembled before the closing is being reviewed, and the expiry deletes it', async () => {
    const { workspace, member } = await desk()
    const original = await receivedRequest(workspace.id)
    const access = await receivedRequest(workspace.id, { type: 'access' })
    const tasks = await withTenant(member.tenant, (tx) => tx.requestTask.findMany({ where: { requestId: access.id } }))
    for (const task of tasks) await runTask({ workspaceId: workspace.id, taskId: task.id })
    await buildExport({ workspaceId: workspace.id, requestId: access.id })
    expect((await statusOf(workspace.slug, access.id, access.reference)).underReview).toBe(true)
    await close(member, [access.id], original.reference)
    expect((await statusOf(workspace.slug, access.id, access.reference)).underReview).toBe(false)
    await deleteExpiredExports()
    const { rows } = await ownerPool().query('SELECT deleted_at FROM request_export WHERE request_id = $1', [access.id])
    expect(rows[0].deleted_at).not.toBeNull()
  })
})
