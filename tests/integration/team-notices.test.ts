// The team knows at once (issue 12, item 6): a request received, a reply from the requester and
// an export waiting for review e-mail the assignee, or every member who works requests while it
// is unassigned, in the change's transaction; never the requester's details, never the member
// who acted, never someone who is no longer a member; replies at most once per member and
// request in 15 minutes. The queue marks requests with a reply the member has not read, until
// they open the request page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { buildExport } from '~/modules/dsar/export.server'
import { confirmRequest, fileRequest, fileRequestByApi } from '~/modules/dsar/file-request.server'
import { inboxPage, parseInboxQuery } from '~/modules/dsar/inbox.server'
import { formatDeadline, requestDeadlines } from '~/modules/dsar/request-deadline.server'
import { countUnreadReplies, markRepliesRead } from '~/modules/dsar/request-reads.server'
import { addManualSystem } from '~/modules/dsar/privacy-settings.server'
import { findRequest } from '~/modules/dsar/requester-access.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { completeManualTask } from '~/modules/dsar/manual-tasks.server'
import { assignRequest, subjectAnswers } from '~/modules/dsar/workflow.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { saveKindChoices } from '~/modules/notifications/preferences.server'
import { loader as requestLoader } from '~/routes/dashboard/request'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { requestInputFor } from '../support/requests'
import { newestMailTo } from '../support/requester-mail'
import { answerOf, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

type Mail = { to: string; subject: string; text: string }

/** The e-mails to members of `workspaceId` whose subject names `reference`. */
async function teamMails(workspaceId: string, reference: string): Promise<Mail[]> {
  const { rows } = await ownerPool().query<Mail>(
    `SELECT "to", subject, text FROM email_message WHERE workspace_id = $1 AND subject LIKE $2 AND "to" IN
       (SELECT u.email FROM "user" u JOIN membership m ON m.user_id = u.id WHERE m.workspace_id = $1)
     ORDER BY created_at, "to"`,
    [workspaceId, `%${reference}%`],
  )
  return rows
}

/** A workspace with its owner, an admin, an agent and a viewer. */
async function team() {
  const { workspace, owner, member } = await makeOwnedWorkspace()
  const admin = await addMember(workspace.id, 'admin')
  const agent = await addMember(workspace.id, 'agent')
  const viewer = await addMember(workspace.id, 'viewer')
  return { workspace, owner, ownerMember: member, admin, agent, viewer }
}

async function receive(workspaceId: string, type: 'rectification' | 'access' = 'rectification', actor: { type: 'system'; reason: string } | { type: 'user'; userId: string } = { type: 'system', reason: 'test' }) {
  const input = requestInputFor({ type })
  const request = await fileRequestByApi({ workspaceId, actor }, { ...input, emailVerified: true }, { portalOrigin: 'https://portal.example' })
  return { ...request, input }
}

/** The requester writes on their status page. */
async function reply(slug: string, reference: string, body: string) {
  await withPublicWorkspace(slug, async (tx, workspace) => {
    const request = await findRequest(tx, workspace, reference)
    await subjectAnswers(tx, request!, body, {})
  })
}

const asMember = (workspace: { id: string; slug: string; name: string }, userId: string, role: 'agent' | 'admin' = 'agent') =>
  ({
    user: { id: userId },
    role,
    workspace,
    tenant: { workspaceId: workspace.id, actor: { type: 'user', userId } },
    impersonation: null,
  }) as unknown as Member

async function cookieOf(userId: string) {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

/** Open the request page as the member, the way the browser does. */
async function openPage(slug: string, reference: string, userId: string) {
  const answer = await answerOf(
    await callLoader(requestLoader, { path: `/w/${slug}/requests/${reference}`, params: { slug, reference }, headers: { cookie: await cookieOf(userId) } }),
  )
  expect(answer.status).toBe(200)
}

async function unreadInQueue(workspaceId: string, userId: string, search = '') {
  const query = parseInboxQuery(new URLSearchParams(search))
  if (!query.success) throw new Error('bad query')
  const page = await withTenant({ workspaceId, actor: { type: 'user', userId } }, (tx) => inboxPage(tx, query.data, { userId }))
  return page.rows.filter((row) => row.unread).map((row) => row.reference)
}

const countFor = (workspaceId: string, userId: string) =>
  withTenant({ workspaceId, actor: { type: 'user', userId } }, (tx) => countUnreadReplies(tx, userId))

describe('a newly received request', () => {
  it('e-mails every member who works requests while it is unassigned: workspace, reference, type, due date and the desk link, nothing about the requester', async () => {
    const { workspace, owner, admin, agent, viewer } = await team()
    const filed = await receive(workspace.id)
    const mails = await teamMails(workspace.id, filed.reference)
    expect(mails.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email, agent.email].sort())
    expect(mails.map((mail) => mail.to)).not.toContain(viewer.email)

    const due = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) => requestDeadlines(tx, filed.id))
    const mail = mails[0]!
    expect(mail.subject).toBe(`${workspace.name}: new privacy request ${filed.reference}`)
    expect(mail.text).toContain('A new privacy request was received: it was filed with its e-mail address marked as already verified (through the API).')
    expect(mail.text).toContain(`Workspace: ${workspace.name}`)
    expect(mail.text).toContain(`Reference: ${filed.reference}`)
    expect(mail.text).toContain('Type: Correct my data')
    expect(mail.text).toContain(`Answer due by: ${formatDeadline(due.effective)}`)
    expect(mail.text).toContain(`${appOrigin()}/w/${workspace.slug}/requests/${filed.reference}`)
    expect(mail.text).toContain('nobody is assigned')
    for (const sent of mails) {
      for (const personal of [filed.input.email, filed.input.subjectName, filed.input.details]) {
        expect(sent.subject + sent.text).not.toContain(personal)
      }
    }
  })

  it('says the requester confirmed their address when they did, on the portal', async () => {
    const { workspace, agent } = await team()
    const input = requestInputFor()
    const filed = await fileRequest(workspace.slug, input, { ip: '198.51.100.7', portalOrigin: 'https://portal.example' })
    if (filed.outcome !== 'filed') throw new Error('the request was not filed')
    expect(await teamMails(workspace.id, filed.reference)).toEqual([])
    const code = (await newestMailTo(input.email, 'Confirm your privacy request%')).code!
    await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code } }, {})
    const mails = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.to === agent.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.text).toContain('A new privacy request was received: the requester confirmed their e-mail address.')
  })

  it('is not e-mailed to the member who filed it', async () => {
    const { workspace, owner, admin, agent } = await team()
    const filed = await receive(workspace.id, 'rectification', { type: 'user', userId: admin.userId })
    expect((await teamMails(workspace.id, filed.reference)).map((mail) => mail.to).sort()).toEqual([owner.email, agent.email].sort())
  })
})

describe('a reply from the requester', () => {
  it('e-mails only the assignee, at most once in 15 minutes, saying how many replies they have not opened, without the words', async () => {
    const { workspace, owner, admin, agent, ownerMember } = await team()
    const filed = await receive(workspace.id)
    await assignRequest(ownerMember, filed.id, agent.userId, {})
    await reply(workspace.slug, filed.reference, 'My new address is 12 Quiet Lane.')
    await reply(workspace.slug, filed.reference, 'And my phone number changed too.')

    const replies = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('replied'))
    expect(replies.map((mail) => mail.to)).toEqual([agent.email])
    expect(replies[0]!.subject).toBe(`${workspace.name}: the requester replied on ${filed.reference}`)
    expect(replies[0]!.text).toContain('a reply on their request’s page that you have not opened yet')
    expect(replies[0]!.text).toContain('Further replies in the next 15 minutes are not e-mailed separately.')
    expect(replies[0]!.text).toContain('the request is assigned to you')
    expect(replies[0]!.text).not.toContain('Quiet Lane')
    expect(replies.map((mail) => mail.to)).not.toContain(owner.email)
    expect(replies.map((mail) => mail.to)).not.toContain(admin.email)

    // 15 minutes later the next reply is e-mailed again, with the count of unopened replies.
    await ownerPool().query(`UPDATE request_read SET replies_told_at = replies_told_at - interval '15 minutes' WHERE request_id = $1`, [filed.id])
    await reply(workspace.slug, filed.reference, 'Hello again.')
    const later = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('replied'))
    expect(later).toHaveLength(2)
    expect(later[1]!.text).toContain('3 replies you have not opened yet (counted when this e-mail was written)')
  })

  it('sent twice at the same moment e-mails the assignee once', async () => {
    const { workspace, agent, ownerMember } = await team()
    const filed = await receive(workspace.id)
    await assignRequest(ownerMember, filed.id, agent.userId, {})
    await Promise.all([reply(workspace.slug, filed.reference, 'One.'), reply(workspace.slug, filed.reference, 'Two.')])
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('replied'))).toHaveLength(1)
  })

  it('goes to the team when the assignee is no longer a member, and never to the former member', async () => {
    const { workspace, owner, admin, agent, ownerMember } = await team()
    const filed = await receive(workspace.id)
    await assignRequest(ownerMember, filed.id, agent.userId, {})
    await ownerPool().query('DELETE FROM membership WHERE workspace_id = $1 AND user_id = $2', [workspace.id, agent.userId])
    await reply(workspace.slug, filed.reference, 'Any news?')
    const replies = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('replied'))
    expect(replies.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email].sort())
    expect(replies[0]!.text).toContain('the request’s assignee no longer works requests in this workspace')
    const toFormer = await ownerPool().query(`SELECT 1 FROM email_message WHERE "to" = $1 AND subject LIKE '%replied%'`, [agent.email])
    expect(toFormer.rowCount).toBe(0)
  })
})

describe('an export assembled for review', () => {
  it('e-mails the team that it waits for review', async () => {
    const { workspace, owner, admin, agent } = await team()
    const filed = await receive(workspace.id, 'access')
    const tasks = await ownerPool().query<{ id: string }>('SELECT id FROM request_task WHERE request_id = $1', [filed.id])
    for (const task of tasks.rows) await runTask({ workspaceId: workspace.id, taskId: task.id })
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('waits for review'))).toEqual([])
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const ready = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('waits for review'))
    expect(ready.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email, agent.email].sort())
    expect(ready[0]!.subject).toBe(`${workspace.name}: the export of ${filed.reference} waits for review`)
    expect(ready[0]!.text).toContain('Type: Access my data')
    expect(ready[0]!.text).not.toContain(filed.input.email)
  })

  it('e-mails nobody when the workspace sends exports of that type without review', async () => {
    const { workspace, ownerMember } = await team()
    await addManualSystem(ownerMember, { name: 'Billing', instructions: 'Export the invoices.' }, {})
    await ownerPool().query(`UPDATE workspace SET export_auto_release = '{access}' WHERE id = $1`, [workspace.id])
    const filed = await receive(workspace.id, 'access')
    const tasks = await ownerPool().query<{ id: string; kind: string }>(
      'SELECT t.id, s.kind FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1',
      [filed.id],
    )
    for (const task of tasks.rows) {
      if (task.kind === 'manual') await completeManualTask(ownerMember, task.id, 'No invoices.', {})
      else await runTask({ workspaceId: workspace.id, taskId: task.id })
    }
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const released = await ownerPool().query('SELECT 1 FROM request_export WHERE request_id = $1 AND released_at IS NOT NULL', [filed.id])
    expect(released.rowCount).toBe(1)
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('waits for review'))).toEqual([])
  })
})

describe('unread replies in the queue', () => {
  it('are marked per member until that member opens the request page, and marked again by the next reply', async () => {
    const { workspace, owner, agent } = await team()
    const quiet = await receive(workspace.id)
    const filed = await receive(workspace.id)
    expect(await unreadInQueue(workspace.id, agent.userId)).toEqual([])

    await reply(workspace.slug, filed.reference, 'Please hurry.')
    expect(await unreadInQueue(workspace.id, agent.userId)).toEqual([filed.reference])
    expect(await unreadInQueue(workspace.id, owner.id)).toEqual([filed.reference])
    expect(await countFor(workspace.id, agent.userId)).toEqual({ mine: 0, team: 1 })
    const filtered = await withTenant({ workspaceId: workspace.id, actor: { type: 'user', userId: agent.userId } }, async (tx) => {
      const query = parseInboxQuery(new URLSearchParams('unread=yes'))
      if (!query.success) throw new Error('bad query')
      return (await inboxPage(tx, query.data, { userId: agent.userId })).rows.map((row) => row.reference)
    })
    expect(filtered).toEqual([filed.reference])
    expect(filtered).not.toContain(quiet.reference)

    await openPage(workspace.slug, filed.reference, agent.userId)
    expect(await unreadInQueue(workspace.id, agent.userId)).toEqual([])
    expect(await countFor(workspace.id, agent.userId)).toEqual({ mine: 0, team: 0 })
    expect(await unreadInQueue(workspace.id, owner.id)).toEqual([filed.reference])

    await reply(workspace.slug, filed.reference, 'Still waiting.')
    expect(await unreadInQueue(workspace.id, agent.userId)).toEqual([filed.reference])
  })

  it('are counted as the member’s own when the request is assigned to them; an operator looking in marks nothing read', async () => {
    const { workspace, agent, ownerMember } = await team()
    const filed = await receive(workspace.id)
    await assignRequest(ownerMember, filed.id, agent.userId, {})
    await reply(workspace.slug, filed.reference, 'Hello?')
    expect(await countFor(workspace.id, agent.userId)).toEqual({ mine: 1, team: 1 })

    const events = await ownerPool().query<{ kind: string; createdAt: Date }>(
      'SELECT kind, created_at AS "createdAt" FROM request_event WHERE request_id = $1',
      [filed.id],
    )
    const looking = { ...asMember(workspace, agent.userId), impersonation: { endsAt: new Date(Date.now() + 60_000), reason: 'support' } } as Member
    await markRepliesRead(looking, filed.id, events.rows)
    expect(await countFor(workspace.id, agent.userId)).toEqual({ mine: 1, team: 1 })
    await markRepliesRead(asMember(workspace, agent.userId), filed.id, events.rows)
    expect(await countFor(workspace.id, agent.userId)).toEqual({ mine: 0, team: 0 })
  })

  it('a bad value of the filter is a message, not an error', () => {
    const query = parseInboxQuery(new URLSearchParams('unread=maybe'))
    expect(query).toEqual({ success: false, errors: { unread: '“With unread replies” is either ticked (unread=yes) or left out.' } })
  })
})

describe('members’ choices of e-mails (decision 029)', () => {
  const turnOff = (userId: string, workspaceId: string, kind: 'request_new' | 'request_reply' | 'export_review') =>
    saveKindChoices(userId, { workspaceId, shown: [kind], on: new Set() })

  it('leaves out a member who turned new requests off, and ends each e-mail with where to change that', async () => {
    const { workspace, owner, admin, agent } = await team()
    expect(await turnOff(agent.userId, workspace.id, 'request_new')).toMatchObject({ outcome: 'saved' })
    const filed = await receive(workspace.id)
    const mails = await teamMails(workspace.id, filed.reference)
    expect(mails.map((mail) => mail.to).sort()).toEqual([owner.email, admin.email].sort())
    expect(mails[0]!.text.split('\n').at(-1)).toBe(`Choose which e-mails you get from Candor: ${appOrigin()}/account/notifications`)
  })

  it('does not tell the team instead of an assignee who turned replies off; exports to review still reach them', async () => {
    const { workspace, agent, ownerMember } = await team()
    const filed = await receive(workspace.id, 'access')
    await assignRequest(ownerMember, filed.id, agent.userId, {})
    await turnOff(agent.userId, workspace.id, 'request_reply')
    await reply(workspace.slug, filed.reference, 'Any news?')
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('replied'))).toEqual([])

    const tasks = await ownerPool().query<{ id: string }>('SELECT id FROM request_task WHERE request_id = $1', [filed.id])
    for (const task of tasks.rows) await runTask({ workspaceId: workspace.id, taskId: task.id })
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const ready = (await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('waits for review'))
    expect(ready.map((mail) => mail.to)).toEqual([agent.email])
  })

  it('e-mails nobody about an export to review when every member who works requests turned it off', async () => {
    const { workspace, owner, admin, agent } = await team()
    for (const member of [owner.id, admin.userId, agent.userId]) await turnOff(member, workspace.id, 'export_review')
    const filed = await receive(workspace.id, 'access')
    const tasks = await ownerPool().query<{ id: string }>('SELECT id FROM request_task WHERE request_id = $1', [filed.id])
    for (const task of tasks.rows) await runTask({ workspaceId: workspace.id, taskId: task.id })
    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('waits for review'))).toEqual([])
    // The other e-mails still go: the choice was about exports only.
    expect((await teamMails(workspace.id, filed.reference)).filter((mail) => mail.subject.includes('new privacy request'))).toHaveLength(3)
  })
})
