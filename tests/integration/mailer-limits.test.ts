// What keeps Candor from being made to send mail in bulk: invitations are limited per inviter
// and per workspace, requests filed through the API per key and per workspace, and the portal's
// refusal for an e-mail that filed too often says so (not "from here").
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { API_FILING_LIMITS, PORTAL_LIMITS } from '~/modules/dsar/file-request.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { consumeRateLimit } from '~/modules/security/rate-limit.server'
import { INVITATION_LIMITS, inviteMember } from '~/modules/tenancy/members.server'
import { action as requestsApi } from '~/routes/api/v1/requests'
import { action as membersAction } from '~/routes/dashboard/members'
import { action as portalAction } from '~/routes/privacy/portal'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { requestInputFor } from '../support/requests'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const count = async (sql: string, values: unknown[]) => (await ownerPool().query(sql, values)).rows[0].n as number
const invitations = (workspaceId: string) => count('SELECT count(*)::int AS n FROM invitation WHERE workspace_id = $1', [workspaceId])
const mails = (workspaceId: string) => count('SELECT count(*)::int AS n FROM email_message WHERE workspace_id = $1', [workspaceId])

/** `role` in the workspace of `owned`, as requireMember hands them to a module. */
async function memberWith(owned: Awaited<ReturnType<typeof makeOwnedWorkspace>>, role: 'admin'): Promise<Member> {
  const { email, userId } = await addMember(owned.workspace.id, role)
  return {
    ...owned.member,
    user: { id: userId, email, name: null },
    role,
    tenant: { workspaceId: owned.workspace.id, actor: { type: 'user', userId } },
  } as Member
}

const invite = (member: Member) => inviteMember(member, { email: faker.internet.email().toLowerCase(), role: 'agent' }, 'https://candor.example', {})

describe('invitations', () => {
  it(`are limited to ${INVITATION_LIMITS.perInviter.limit} an hour per inviter; the refusal says when to try again`, async () => {
    const owned = await makeOwnedWorkspace()
    for (let i = 0; i < INVITATION_LIMITS.perInviter.limit; i++) await invite(owned.member)
    const { token } = await withPlatform((tx) => startSession(tx, owned.owner.id))
    const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
    const refused = await answerOf(
      await callAction(membersAction, {
        path: `/w/${owned.workspace.slug}/members`,
        params: { slug: owned.workspace.slug },
        form: { intent: 'invite', email: 'one-more@example.com', role: 'agent' },
        headers: { cookie },
      }),
    )
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body).toMatchObject({ error: expect.stringMatching(/^Too many invitations were sent in the last hour\. Please try again in \d+ minutes?\.$/) })
    expect(await invitations(owned.workspace.id)).toBe(INVITATION_LIMITS.perInviter.limit)
    expect(await mails(owned.workspace.id)).toBe(INVITATION_LIMITS.perInviter.limit)
  })

  it(`are limited to ${INVITATION_LIMITS.perWorkspace.limit} an hour per workspace, whoever sends them`, async () => {
    const owned = await makeOwnedWorkspace()
    const admins = [owned.member, await memberWith(owned, 'admin'), await memberWith(owned, 'admin')]
    let sent = 0
    for (const admin of admins) {
      while (sent < INVITATION_LIMITS.perWorkspace.limit && sent < (admins.indexOf(admin) + 1) * INVITATION_LIMITS.perInviter.limit) {
        await invite(admin)
        sent++
      }
    }
    await expect(invite(admins[2]!)).rejects.toThrow(/Too many invitations/)
    expect(await invitations(owned.workspace.id)).toBe(INVITATION_LIMITS.perWorkspace.limit)
  })
})

/** A request as a company's intake form would send it (no agent). */
function filingBody() {
  const { agentName: _name, agentAuthority: _authority, ...input } = requestInputFor({})
  return input
}

describe('filing requests through the API', () => {
  async function keyFor(workspaceId: string, ownerId: string) {
    const key = await createApiKey({ workspaceId, actor: { type: 'user', userId: ownerId } }, ownerId, { name: 'intake', scopes: ['requests:write'] }, {})
    return key
  }
  const file = (token: string) =>
    callAction(requestsApi, {
      path: '/api/v1/requests',
      json: { ...filingBody(), emailVerified: false },
      headers: { authorization: `Bearer ${token}` },
    }).then(answerOf)
  const requests = (workspaceId: string) => count('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [workspaceId])

  it(`is limited per key (${API_FILING_LIMITS.perKey.limit} an hour): 429 with Retry-After, nothing filed or sent`, async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    const key = await keyFor(workspace.id, owner.id)
    // The window's earlier filings, counted as the API counts them; the last allowed one is real.
    for (let i = 1; i < API_FILING_LIMITS.perKey.limit; i++) await consumeRateLimit(API_FILING_LIMITS.perKey, key.id)
    expect((await file(key.token)).status).toBe(201)
    const refused = await file(key.token)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(/^Too many requests were filed through the API in the last hour\. Please try again in \d+ minutes?\.$/) },
    })
    expect(await requests(workspace.id)).toBe(1)
    expect(await mails(workspace.id)).toBe(1)
    // Another key of the same workspace still files.
    expect((await file((await keyFor(workspace.id, owner.id)).token)).status).toBe(201)
  })

  it(`is limited per workspace (${API_FILING_LIMITS.perWorkspace.limit} an hour), whichever key is used`, async () => {
    const { workspace, owner } = await makeOwnedWorkspace()
    for (let i = 1; i < API_FILING_LIMITS.perWorkspace.limit; i++) await consumeRateLimit(API_FILING_LIMITS.perWorkspace, workspace.id)
    expect((await file((await keyFor(workspace.id, owner.id)).token)).status).toBe(201)
    expect((await file((await keyFor(workspace.id, owner.id)).token)).status).toBe(429)
    expect(await requests(workspace.id)).toBe(1)
  })
})

describe('the privacy portal', () => {
  it('says an e-mail address filed too often, not that too much came "from here"', async () => {
    const { workspace } = await makeOwnedWorkspace()
    const input = requestInputFor({})
    const form = { type: input.type, subjectName: input.subjectName, email: input.email, relationship: input.relationship, jurisdiction: input.jurisdiction }
    const post = (i: number) =>
      callAction(portalAction, { path: `/p/${workspace.slug}`, params: { slug: workspace.slug }, form, clientIp: `198.51.100.${i}` }).then(answerOf)
    for (let i = 0; i < PORTAL_LIMITS.perEmail.limit; i++) expect((await post(i)).status).toBe(302)
    const refused = await post(99)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    // Thrown to the route's error boundary: the body is the message.
    const message = refused.body as string
    // The limit counts a day: a wait over two hours is said in hours, not in hundreds of minutes.
    expect(message).toMatch(/^Too many requests were sent for this e-mail address recently\. Please try again in (\d+ minutes?|([3-9]|1\d|2[0-4]) hours)\.$/)
  })
})
