// The Data Rights Protocol's PIP endpoints against real PostgreSQL, the real queue, real Ed25519
// and a real local HTTP receiver standing in for the agent's status callback: a local agent
// sets up its key, files signed requests that become privacy requests, reads their status and
// revokes one; expired, wrongly signed, replayed and misaddressed requests are refused in the
// order of §3.07, each with the spec's error body and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { addAgent } from '~/modules/drp/agents.server'
import { businessIdOf } from '~/modules/drp/business-id'
import { DrpCallbackError, deliverStatusCallback } from '~/modules/drp/status-callback.server'
import { confirmRequest } from '~/modules/dsar/file-request.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { workQueue } from '../../jobs/worker.server'
import { TestAgent } from '../support/drp-agent'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { answer, startWebhookReceiver } from '../support/webhook-receiver'

type Owned = Awaited<ReturnType<typeof makeOwnedWorkspace>>
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let acme: Owned
let other: Owned
let agent: TestAgent
let rival: TestAgent
let business: string

const origin = { ip: '127.0.0.1' }
const one = async (sql: string, values: unknown[]) => (await ownerPool().query(sql, values)).rows[0] as Record<string, unknown> | undefined
const requestsOf = async (workspaceId: string) =>
  Number((await one('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [workspaceId]))!.n)

async function registered(owned: Owned, testAgent: TestAgent, name: string) {
  const added = await addAgent(owned.member.tenant, { agentId: testAgent.agentId, name, verifyKey: testAgent.verifyKey }, origin)
  expect(added).toBe(true)
}

beforeAll(async () => {
  await startQueue({ supervise: false })
  await workQueue(queue(), 'drp.callback', { pollingIntervalSeconds: 0.5 })
  receiver = await startWebhookReceiver()
  acme = await makeOwnedWorkspace()
  other = await makeOwnedWorkspace()
  business = businessIdOf(acme.workspace.slug)
  agent = new TestAgent('CR_AA_DRP_ID_001')
  rival = new TestAgent('OTHER_AGENT')
  await registered(acme, agent, 'Permission Slip')
  await registered(acme, rival, 'Other Agent')
  // The same agent id in another workspace, with another key: a separate relationship.
  await registered(other, new TestAgent('CR_AA_DRP_ID_001'), 'Permission Slip')
})
afterAll(async () => {
  await queue().offWork('drp.callback')
  await stopQueue({ graceMs: 0 })
  await receiver.close()
})

describe('pair-wise key setup (POST/GET /v1/agent/{id})', () => {
  it('answers a signed setup message with a token, stored only as its hash', async () => {
    const answer = await agent.pair(acme.workspace.slug, agent.seal(agent.envelope(business)))
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ 'agent-id': 'CR_AA_DRP_ID_001', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) })
    const row = await one('SELECT token_hash FROM drp_agent WHERE workspace_id = $1 AND agent_id = $2', [acme.workspace.id, agent.agentId])
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.token_hash).not.toContain(agent.token)
    expect((await agent.info(acme.workspace.slug)).status).toBe(200)
    expect((await agent.info(acme.workspace.slug)).body).toEqual({})
    expect((await agent.info(acme.workspace.slug, 'OTHER_AGENT')).status).toBe(403)
    expect(await rival.pair(acme.workspace.slug, rival.seal(rival.envelope(business)))).toMatchObject({ status: 200 })
  })

  it('refuses with a bare 403: another key, another agent id, a replayed setup, an expired one, an unknown agent', async () => {
    const stranger = new TestAgent('CR_AA_DRP_ID_001')
    const used = agent.seal(agent.envelope(business, { 'issued-at': new Date().toISOString() }))
    expect((await agent.pair(acme.workspace.slug, used)).status).toBe(200)
    const refused = [
      await stranger.pair(acme.workspace.slug, stranger.seal(stranger.envelope(business))),
      await rival.pair(acme.workspace.slug, rival.seal(rival.envelope(business)), 'CR_AA_DRP_ID_001'),
      await agent.pair(acme.workspace.slug, used),
      await agent.pair(acme.workspace.slug, agent.seal(agent.envelope(business, { 'expires-at': new Date(Date.now() - 1000).toISOString() }))),
      await agent.pair(acme.workspace.slug, agent.seal(agent.envelope(businessIdOf(other.workspace.slug)))),
      await new TestAgent('NOBODY').pair(acme.workspace.slug, 'AAAA'),
    ]
    expect(refused.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403])
    expect(refused.every((a) => a.body === null)).toBe(true)
    // The last good setup's token still works.
    expect((await agent.info(acme.workspace.slug)).status).toBe(200)
  })
})

describe('a data rights request (POST /v1/data-rights-request)', () => {
  it('becomes a received privacy request, with expected_by from the deadline engine', async () => {
    const message = agent.exercise(business, { status_callback: `${receiver.url}/drp/status` })
    const answer = await agent.submit(acme.workspace.slug, agent.seal(message))
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toMatchObject({ status: 'in_progress', agent_request_id: message['agent-request-id'], request_id: expect.any(String) })
    const drp = await one('SELECT * FROM drp_request WHERE id = $1', [answer.body!.request_id])
    const request = await one('SELECT * FROM privacy_request WHERE id = $1', [drp!.privacy_request_id])
    expect(request).toMatchObject({ type: 'erasure', jurisdiction: 'ccpa', relationship: 'customer', subject_name: 'Ana Lima', email: message.email, agent_name: 'Permission Slip' })
    expect(['verified', 'in_progress']).toContain(request!.state)
    expect(answer.body!.expected_by).toBe((request!.due_at as Date).toISOString())
    expect(await one(`SELECT action, actor_id FROM audit_entry WHERE workspace_id = $1 AND action = 'drp_request.receive'`, [acme.workspace.id])).toEqual({ action: 'drp_request.receive', actor_id: 'drp agent CR_AA_DRP_ID_001' })
    // GET gives the same status, computed afresh.
    expect(await agent.status(acme.workspace.slug, String(answer.body!.request_id))).toEqual({ status: 200, body: answer.body })
  })

  it('files an unverified e-mail as open until the person confirms it', async () => {
    const answer = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { email_verified: false, exercise: 'access' })))
    expect(answer.body).toMatchObject({ status: 'open' })
    expect(answer.body!.expected_by).toBeUndefined()
  })

  it('refuses an expired request, a wrong key, a replay and another agent’s id, filing nothing', async () => {
    const before = await requestsOf(acme.workspace.id)
    const expired = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { 'issued-at': new Date(Date.now() - 20 * 60_000).toISOString(), 'expires-at': new Date(Date.now() - 10 * 60_000).toISOString() })))
    expect(expired).toEqual({ status: 400, body: { code: '400', message: 'The request expired (expires-at has passed).', fatal: true } })
    const future = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { 'issued-at': new Date(Date.now() + 5 * 60_000).toISOString() })))
    expect(future.status).toBe(400)
    expect(future.body!.message).toContain('issued-at is in the future')

    const wrongKey = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business), rival.privateKey))
    expect(wrongKey).toMatchObject({ status: 403, body: { code: '403', message: 'The signature does not verify with this agent’s key.' } })

    const message = agent.exercise(business)
    const sealed = agent.seal(message)
    expect((await agent.submit(acme.workspace.slug, sealed)).status).toBe(200)
    const replayed = await agent.submit(acme.workspace.slug, sealed)
    expect(replayed).toMatchObject({ status: 409, body: { code: '409', fatal: true } })
    const sameId = await agent.submit(acme.workspace.slug, agent.seal({ ...message, 'issued-at': new Date().toISOString() }))
    expect(sameId.status).toBe(409)

    // The rival signs with its own key but claims to be our agent: refused before anything else.
    const claimsOther = await rival.submit(acme.workspace.slug, rival.seal(rival.exercise(business, { 'agent-id': agent.agentId })))
    expect(claimsOther).toMatchObject({ status: 403, body: { message: 'agent-id does not name the agent this token and key belong to.' } })
    // Our agent's signed request presented with the rival's token does not verify.
    expect((await agent.submit(acme.workspace.slug, sealed, rival.token)).status).toBe(403)
    // Another covered business's request, and our agent's token at another workspace's address.
    const misaddressed = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(businessIdOf(other.workspace.slug))))
    expect(misaddressed).toMatchObject({ status: 403, body: { fatal: true } })
    expect((await agent.submit(other.workspace.slug, agent.seal(agent.exercise(businessIdOf(other.workspace.slug))))).status).toBe(403)
    expect((await agent.submit(acme.workspace.slug, sealed, null)).status).toBe(403)

    expect(await requestsOf(acme.workspace.id)).toBe(before + 1)
    expect(await requestsOf(other.workspace.id)).toBe(0)
  })

  it('validates in the order of §3.07: signature, agent id, business id, times, then fields', async () => {
    const expiredAt = { 'expires-at': new Date(Date.now() - 1000).toISOString() }
    const badSignatureAndExpired = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, expiredAt), rival.privateKey))
    expect(badSignatureAndExpired.body!.message).toContain('signature')
    const otherAgentAndExpired = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { ...expiredAt, 'agent-id': 'X' })))
    expect(otherAgentAndExpired.body!.message).toContain('agent-id')
    const otherBusinessAndExpired = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise('ELSEWHERE', expiredAt)))
    expect(otherBusinessAndExpired.body!.message).toContain('business-id')
    const expiredAndBadFields = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { ...expiredAt, exercise: 'sale:opt-in' })))
    expect(expiredAndBadFields.body!.message).toContain('expired')
    const badFields = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { exercise: 'sale:opt-in' })))
    expect(badFields).toMatchObject({ status: 400, body: { code: '400', message: expect.stringContaining('Unsupported rights action') } })
  })

  it('answers hostile bodies with a 4xx in the spec’s error format, never a 500, writing nothing', async () => {
    const before = await requestsOf(acme.workspace.id)
    const hostile: string[] = [
      '', 'not base64 at all', '====', 'A'.repeat(7), '\u0000', Buffer.alloc(64).toString('base64'),
      agent.seal('not json'), agent.seal('[1,2]'), agent.seal('null'), agent.seal(Buffer.from([0xff, 0xfe, 0x00]).toString('latin1')),
      agent.seal(agent.exercise(business, { name: 'Ana\u0000Lima' })),
      agent.seal(agent.exercise(business, { email: 'not an e-mail' })),
      agent.seal(agent.exercise(business, { email_verified: 1e308 })),
      agent.seal(JSON.stringify(agent.exercise(business)).replace('"email_verified":true', '"email_verified":1e999')),
      agent.seal(JSON.stringify(agent.exercise(business)).replace(/"issued-at":"[^"]*"/, '"issued-at":99999999999999999999')),
      agent.seal(agent.exercise(business, { 'expires-at': '+275760-09-13T00:00:00.000Z' })),
      agent.seal(agent.exercise(business, { relationships: Array.from({ length: 1000 }, () => 'customer') })),
      agent.seal(agent.exercise(business, { name: 'x'.repeat(100_000) })),
      agent.seal(agent.exercise(business, { status_callback: 'ftp://example.com/x' })),
      agent.seal(agent.exercise(business, { name: undefined })),
      agent.seal(agent.exercise(business, { 'drp.version': '0.5' })),
      agent.seal(agent.exercise(business, { address: { formatted: 'Rua\u0007 1' } })),
    ]
    for (const body of hostile) {
      const answer = await agent.submit(acme.workspace.slug, body)
      expect(answer.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400)
      expect(answer.status, body.slice(0, 60)).toBeLessThan(500)
      expect(answer.body).toMatchObject({ code: String(answer.status), message: expect.any(String) })
    }
    expect(await requestsOf(acme.workspace.id)).toBe(before)
    // The same for a revocation's signed body.
    const filed = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business)))
    const id = String(filed.body!.request_id)
    for (const body of ['', 'not base64', agent.seal('[]'), agent.seal({ reason: 'a\u0000b' }), agent.seal({ reason: 'x'.repeat(3000) }), agent.seal({ reason: 1e308 })]) {
      const answer = await agent.revoke(acme.workspace.slug, id, body)
      expect(answer.status, body.slice(0, 60)).toBe(400)
      expect(answer.body).toMatchObject({ code: '400', message: expect.any(String) })
    }
    expect(await one('SELECT revoked_at FROM drp_request WHERE id = $1', [id])).toEqual({ revoked_at: null })
  })

  it('answers a status only to the agent that manages the request', async () => {
    const mine = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business)))
    expect((await rival.status(acme.workspace.slug, String(mine.body!.request_id))).status).toBe(403)
    expect((await agent.status(acme.workspace.slug, crypto.randomUUID())).status).toBe(404)
    expect((await agent.status(acme.workspace.slug, 'x\u0000')).status).toBe(404)
    expect((await agent.status(other.workspace.slug, String(mine.body!.request_id))).status).toBe(403)
    expect((await agent.status('no-such-workspace', String(mine.body!.request_id))).status).toBe(404)
  })
})

describe('revoking (DELETE /v1/data-rights-request/{id}) and the status callback', () => {
  it('closes the privacy request, answers revoked, and tells the agent’s callback', async () => {
    const path = `/drp/callback-${crypto.randomUUID()}`
    const filed = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { status_callback: `${receiver.url}${path}` })))
    const id = String(filed.body!.request_id)
    expect((await rival.revoke(acme.workspace.slug, id, rival.seal({ reason: 'not mine' }))).status).toBe(403)
    expect((await agent.revoke(acme.workspace.slug, id, agent.seal({ reason: 'x' }, rival.privateKey))).status).toBe(403)
    const revoked = await agent.revoke(acme.workspace.slug, id, agent.seal({ reason: 'I changed my mind' }))
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked', request_id: id } })
    const drp = await one('SELECT privacy_request_id, revoke_reason FROM drp_request WHERE id = $1', [id])
    expect(drp!.revoke_reason).toBe('I changed my mind')
    expect(await one('SELECT state, rejection_ground FROM privacy_request WHERE id = $1', [drp!.privacy_request_id])).toEqual({ state: 'rejected', rejection_ground: 'withdrawn' })

    const [callback] = await receiver.waitFor(path)
    expect(callback!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(callback!.body)).toMatchObject({ request_id: id, status: 'revoked' })
    // Recorded once the POST was answered 2xx (just after the receiver saw it).
    await eventually(async () => (await one('SELECT callback_sha256 IS NOT NULL AS delivered FROM drp_request WHERE id = $1', [id]))!.delivered === true, { what: 'the callback recorded as delivered' })

    // Revoking again is answered with the same state; a closed request cannot be revoked.
    expect((await agent.revoke(acme.workspace.slug, id, agent.seal({})))).toMatchObject({ status: 200, body: { status: 'revoked' } })
  })

  it('deletes a revoked request the person never confirmed, so its link no longer starts it', async () => {
    const message = agent.exercise(business, { email_verified: false })
    const filed = await agent.submit(acme.workspace.slug, agent.seal(message))
    const id = String(filed.body!.request_id)
    const { privacy_request_id: requestId } = (await one('SELECT privacy_request_id FROM drp_request WHERE id = $1', [id]))!
    const { reference } = (await one('SELECT reference FROM privacy_request WHERE id = $1', [requestId]))! as { reference: string }
    expect(await agent.revoke(acme.workspace.slug, id, agent.seal({ reason: 'wrong person' }))).toMatchObject({ status: 200, body: { status: 'revoked' } })
    expect(await one('SELECT 1 FROM privacy_request WHERE id = $1', [requestId])).toBeUndefined()
    const mail = await newestMailTo(String(message.email), 'Confirm your privacy request%')
    expect(await confirmRequest(acme.workspace.slug, { reference, proof: { code: mail.code! } }, {})).toEqual({ outcome: 'none' })
    expect(await agent.status(acme.workspace.slug, id)).toMatchObject({ status: 200, body: { status: 'revoked' } })
  })

  it('tells the callback when the person confirms their e-mail: in progress, with expected_by', async () => {
    const path = `/drp/callback-${crypto.randomUUID()}`
    const message = agent.exercise(business, { email_verified: false, exercise: 'access', status_callback: `${receiver.url}${path}` })
    const filed = await agent.submit(acme.workspace.slug, agent.seal(message))
    expect(filed.body).toMatchObject({ status: 'open' })
    const drp = await one('SELECT privacy_request_id FROM drp_request WHERE id = $1', [filed.body!.request_id])
    const { reference } = (await one('SELECT reference FROM privacy_request WHERE id = $1', [drp!.privacy_request_id])) as { reference: string }
    const mail = await newestMailTo(String(message.email), 'Confirm your privacy request%')
    expect(await confirmRequest(acme.workspace.slug, { reference, proof: { code: mail.code! } }, {})).toMatchObject({ outcome: 'confirmed' })
    const [callback] = await receiver.waitFor(path)
    const told = JSON.parse(callback!.body) as Record<string, unknown>
    const due = (await one('SELECT due_at FROM privacy_request WHERE id = $1', [drp!.privacy_request_id]))!.due_at as Date
    expect(told).toMatchObject({ request_id: filed.body!.request_id, status: 'in_progress', expected_by: due.toISOString() })
  })

  it('records a refusing callback on the request and throws for a retry; sends an unchanged status once', async () => {
    const path = `/drp/refusing-${crypto.randomUUID()}`
    receiver.respond = (hook, response) => (hook.path === path ? answer(503, 'busy')(hook, response) : answer(204)(hook, response))
    try {
      const filed = await agent.submit(acme.workspace.slug, agent.seal(agent.exercise(business, { status_callback: `${receiver.url}${path}` })))
      const job = { workspaceId: acme.workspace.id, drpRequestId: String(filed.body!.request_id) }
      await expect(deliverStatusCallback(job)).rejects.toThrow(DrpCallbackError)
      expect(await one('SELECT callback_error FROM drp_request WHERE id = $1', [job.drpRequestId])).toEqual({ callback_error: 'The endpoint answered 503 Service Unavailable.' })
      // As in production: a callback address inside a private network is not called.
      await expect(deliverStatusCallback(job, { allowPrivateNetworks: false })).rejects.toThrow(DrpCallbackError)
      expect(await one('SELECT callback_error FROM drp_request WHERE id = $1', [job.drpRequestId])).toEqual({ callback_error: 'Not sent: 127.0.0.1 is not a public address.' })
      receiver.respond = answer(204)
      expect(await deliverStatusCallback(job)).toBe('delivered')
      expect(await deliverStatusCallback(job)).toBe('unchanged')
      expect(receiver.received.filter((hook) => hook.path === path)).toHaveLength(2)
    } finally {
      receiver.respond = answer(204)
    }
  })
})
