// Outgoing webhooks against real PostgreSQL, the real queue and a real local HTTP receiver: a
// change of a privacy request becomes a signed event for each subscribed endpoint, queued in
// the change's transaction; a receiver that refuses is retried and its answers recorded; the
// signature proves body and time; another workspace's endpoint never hears of it; erasing a
// subject redacts the copies of their earlier requests.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { askSubject, completeRequest, extendRequest, rejectRequest, subjectAnswers } from '~/modules/dsar/workflow.server'
import { queue, startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { WebhookDeliveryError, deliverWebhook } from '~/modules/webhooks/delivery.server'
import { emitRequestEvent, queueDelivery } from '~/modules/webhooks/emit.server'
import { createWebhookEndpoint, disableWebhookEndpoint, listWebhookEndpoints, sendTestEvent } from '~/modules/webhooks/endpoints.server'
import { requestWebhookEvent, testWebhookEvent } from '~/modules/webhooks/event-schema.server'
import { REQUEST_EVENT_TYPES, type RequestEventType } from '~/modules/webhooks/events'
import { verifyWebhookSignature } from '~/modules/webhooks/signature.server'
import { FAILURES_BEFORE_BACKOFF } from '~/modules/webhooks/endpoint-health.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'
import { answer, startWebhookReceiver } from '../support/webhook-receiver'

const system = { type: 'system', reason: 'test' } as const
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>

beforeAll(async () => {
  await startQueue({ supervise: false })
  receiver = await startWebhookReceiver()
})
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await receiver.close()
})
beforeEach(() => {
  receiver.respond = answer(204)
})

let paths = 0
/** A workspace with one endpoint at a fresh path of the receiver. */
async function workspaceWithEndpoint(events: RequestEventType[] = [...REQUEST_EVENT_TYPES]) {
  const made = await makeWorkspace()
  const path = `/hooks/${++paths}`
  const tenant = { workspaceId: made.workspace.id, actor: system }
  const endpoint = await createWebhookEndpoint(tenant, { url: `${receiver.url}${path}`, events }, {})
  return { ...made, tenant, path, endpoint }
}

async function deliveriesOf(endpointId: string) {
  const { rows } = await ownerPool().query(
    `SELECT id, event_id, event_type, payload, attempts, last_status, last_error, delivered_at, failed_at, request_id
       FROM webhook_delivery WHERE endpoint_id = $1 ORDER BY created_at, event_type`,
    [endpointId],
  )
  return rows
}

const deliveryRow = async (id: string) =>
  (await ownerPool().query('SELECT attempts, last_status, last_error, delivered_at, failed_at FROM webhook_delivery WHERE id = $1', [id])).rows[0]

describe('through the real queue', () => {
  beforeAll(async () => {
    await workQueue(queue(), 'webhook.deliver', { pollingIntervalSeconds: 0.5 })
  })
  afterAll(async () => {
    await queue().offWork('webhook.deliver')
    await queue().offWork('webhook.deliver.dead')
  })
  afterEach(() => queue().updateQueue('webhook.deliver', { name: 'webhook.deliver', retryLimit: 8, retryDelay: 30, retryBackoff: true }))

  const fastRetries = (retryLimit: number) =>
    queue().updateQueue('webhook.deliver', { name: 'webhook.deliver', retryLimit, retryDelay: 1, retryBackoff: false })

  it('delivers request.received to the endpoint, signed over the time and the raw body', async () => {
    const { workspace, path, endpoint } = await workspaceWithEndpoint()
    const request = await receivedRequest(workspace.id)
    const [hook] = await receiver.waitFor(path)
    const signature = String(hook!.headers['candor-signature'])
    expect(signature).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(endpoint.secret, signature, hook!.body)).toBe(true)
    // A tampered body, another secret, or the same delivery replayed later are refused.
    expect(verifyWebhookSignature(endpoint.secret, signature, hook!.body.replace(request.reference, 'R-22222222'))).toBe(false)
    expect(verifyWebhookSignature(`${endpoint.secret}x`, signature, hook!.body)).toBe(false)
    expect(verifyWebhookSignature(endpoint.secret, signature, hook!.body, 300, Date.now() + 301_000)).toBe(false)

    expect(hook!.headers['content-type']).toBe('application/json')
    const event = requestWebhookEvent.parse(JSON.parse(hook!.body))
    expect(event).toMatchObject({
      type: 'request.received',
      previousState: 'unverified',
      data: { id: request.id, reference: request.reference, state: 'verified', email: request.email },
    })
    expect(hook!.headers['candor-event-id']).toBe(event.id)
    expect(hook!.headers['candor-event-type']).toBe('request.received')
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(endpoint.id)
      return rows[0]?.delivered_at ? rows : undefined
    })
    expect(row).toMatchObject({ event_id: event.id, attempts: 1, last_status: 204, last_error: null, failed_at: null, request_id: request.id })
  })

  it('retries a receiver that refuses, with the same event, until it accepts', async () => {
    await fastRetries(3)
    let calls = 0
    receiver.respond = (hook, response) => {
      calls++
      if (calls <= 2) answer(503, 'down for maintenance')(hook, response)
      else answer(200, 'ok')(hook, response)
    }
    const { workspace, path, endpoint } = await workspaceWithEndpoint(['request.received'])
    await receivedRequest(workspace.id)
    const hooks = await receiver.waitFor(path, 3)
    expect(new Set(hooks.map((h) => h.headers['candor-event-id'])).size).toBe(1)
    expect(new Set(hooks.map((h) => JSON.parse(h.body).id)).size).toBe(1)
    for (const hook of hooks) expect(verifyWebhookSignature(endpoint.secret, String(hook.headers['candor-signature']), hook.body)).toBe(true)
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(endpoint.id)
      return rows[0]?.delivered_at ? rows : undefined
    })
    expect(row).toMatchObject({ attempts: 3, last_status: 200, last_error: null, failed_at: null })
  })

  it('marks the delivery failed once every retry is used up, with the last answer', async () => {
    await fastRetries(1)
    receiver.respond = answer(500, 'Internal Server Error')
    const { workspace, path, endpoint } = await workspaceWithEndpoint(['request.received'])
    await receivedRequest(workspace.id)
    await receiver.waitFor(path, 2)
    const [row] = await eventually(async () => {
      const rows = await deliveriesOf(endpoint.id)
      return rows[0]?.failed_at ? rows : undefined
    })
    expect(row).toMatchObject({ attempts: 2, last_status: 500, delivered_at: null, last_error: 'The endpoint answered 500 Internal Server Error.' })
  })

  it("does not let one workspace's slow endpoint hold back another workspace's delivery", async () => {
    const slow = await workspaceWithEndpoint(['request.received'])
    const fast = await workspaceWithEndpoint(['request.received'])
    receiver.respond = (hook, response) => {
      if (hook.path === slow.path) setTimeout(() => answer(204)(hook, response), 2_000)
      else answer(204)(hook, response)
    }
    // A burst of 100 events for the slow endpoint, queued before the other workspace's one.
    await withTenant(slow.tenant, async (tx) => {
      for (let i = 0; i < 100; i++) {
        await queueDelivery(tx, { workspaceId: slow.workspace.id, endpointId: slow.endpoint.id, requestId: null, event: { id: crypto.randomUUID(), type: 'test.burst' } })
      }
    })
    await receivedRequest(fast.workspace.id)
    await receiver.waitFor(fast.path, 1, 20_000)
    const slowDelivered = (await deliveriesOf(slow.endpoint.id)).filter((row) => row.delivered_at).length
    expect(slowDelivered).toBeLessThan(40)
    // Nothing tried twice meanwhile: the deliveries waiting for a turn were deferred, not failed.
    const attempts = (await deliveriesOf(slow.endpoint.id)).map((row) => row.attempts as number)
    expect(Math.max(...attempts)).toBeLessThanOrEqual(1)
    // The rest of the burst is not waited for: the endpoint is disabled, its deliveries stop.
    await disableWebhookEndpoint(slow.tenant, slow.endpoint.id, {})
  })

  it("never sends an endpoint another workspace's events", async () => {
    const a = await workspaceWithEndpoint()
    const b = await workspaceWithEndpoint()
    const ofA = await receivedRequest(a.workspace.id)
    const ofB = await receivedRequest(b.workspace.id)
    const [toA] = await receiver.waitFor(a.path)
    const [toB] = await receiver.waitFor(b.path)
    await new Promise((resolve) => setTimeout(resolve, 1500)) // anything else queued would have arrived
    expect(receiver.received.filter((h) => h.path === a.path)).toHaveLength(1)
    expect(receiver.received.filter((h) => h.path === b.path)).toHaveLength(1)
    expect(JSON.parse(toA!.body).data.id).toBe(ofA.id)
    expect(JSON.parse(toB!.body).data.id).toBe(ofB.id)
    expect(toB!.body).not.toContain(ofA.email)
    // Each signed with its own endpoint's secret only.
    expect(verifyWebhookSignature(b.endpoint.secret, String(toA!.headers['candor-signature']), toA!.body)).toBe(false)
    expect((await deliveriesOf(b.endpoint.id)).map((d) => d.request_id)).toEqual([ofB.id])
  })
})

describe('deliverWebhook, as the worker calls it', () => {
  /** A delivery queued for a new request of a workspace with one endpoint. */
  async function queuedDelivery() {
    const made = await workspaceWithEndpoint(['request.received'])
    await receivedRequest(made.workspace.id)
    const [row] = await deliveriesOf(made.endpoint.id)
    return { ...made, job: { workspaceId: made.workspace.id, deliveryId: row.id as string } }
  }

  it('records the answer of a refusing endpoint and throws (a retry), then delivers once', async () => {
    const { job, path } = await queuedDelivery()
    receiver.respond = answer(422, 'unknown event')
    await expect(deliverWebhook(job)).rejects.toThrow(WebhookDeliveryError)
    expect(await deliveryRow(job.deliveryId)).toMatchObject({
      attempts: 1,
      last_status: 422,
      last_error: 'The endpoint answered 422 Unprocessable Entity.',
      delivered_at: null,
    })
    receiver.respond = answer(202)
    expect(await deliverWebhook(job)).toBe('delivered')
    expect(await deliveryRow(job.deliveryId)).toMatchObject({ attempts: 2, last_status: 202, last_error: null, delivered_at: expect.any(Date) })
    // At least once, not more: a job that runs again after delivery sends nothing.
    expect(await deliverWebhook(job)).toBe('already-delivered')
    expect(receiver.received.filter((h) => h.path === path)).toHaveLength(2)
  })

  it('keeps only the status line of a refusing endpoint’s answer, never its body or its own reason phrase', async () => {
    const { job, tenant, endpoint } = await queuedDelivery()
    // What an address inside someone's network might answer: nothing of it may reach the dashboard.
    const body = 'ami-id\ninstance-id\nAccessKeyId: AKIAEXAMPLE SecretAccessKey: wJalrXUtnFEMI'
    receiver.respond = (_, response) => {
      response.writeHead(403, 'AKIAEXAMPLE leaked here', { 'content-type': 'text/plain' }).end(body)
    }
    await expect(deliverWebhook(job)).rejects.toThrow(WebhookDeliveryError)
    expect(await deliveryRow(job.deliveryId)).toMatchObject({ last_status: 403, last_error: 'The endpoint answered 403 Forbidden.' })
    const shown = await withTenant(tenant, (tx) => listWebhookEndpoints(tx))
    const listed = JSON.stringify(shown.find((e) => e.id === endpoint.id))
    expect(listed).toContain('403 Forbidden')
    expect(listed).not.toMatch(/AKIA|ami-id|instance-id|SecretAccessKey|leaked/)

    receiver.respond = answer(599, 'a status nobody named')
    await expect(deliverWebhook(job)).rejects.toThrow(WebhookDeliveryError)
    expect(await deliveryRow(job.deliveryId)).toMatchObject({ last_status: 599, last_error: 'The endpoint answered 599.' })
  })

  it('gives up on an endpoint that does not answer in time, and on one that cannot be reached', async () => {
    const { job } = await queuedDelivery()
    receiver.respond = () => {} // never answers
    await expect(deliverWebhook(job, { timeoutMs: 300 })).rejects.toThrow(WebhookDeliveryError)
    expect(await deliveryRow(job.deliveryId)).toMatchObject({ last_status: null, last_error: 'No answer within 0.3 seconds.' })

    const gone = await queuedDelivery()
    await ownerPool().query(`UPDATE webhook_endpoint SET url = 'http://127.0.0.1:1/hook' WHERE id = $1`, [gone.endpoint.id])
    await expect(deliverWebhook(gone.job)).rejects.toThrow(WebhookDeliveryError)
    expect((await deliveryRow(gone.job.deliveryId)).last_error).toMatch(/^Could not reach the endpoint: ECONNREFUSED/)
  })

  it('refuses, in production, an endpoint inside a private network, by address or by name', async () => {
    const { job, path, endpoint } = await queuedDelivery()
    await expect(deliverWebhook(job, { allowPrivateNetworks: false })).rejects.toThrow(WebhookDeliveryError)
    expect((await deliveryRow(job.deliveryId)).last_error).toBe('Not sent: 127.0.0.1 is not a public address.')
    // Each refusal counts as a failure of the endpoint; here every form is tried, not its backoff.
    const noBackoff = () => ownerPool().query('UPDATE webhook_endpoint SET backoff_until = NULL WHERE id = $1', [endpoint.id])
    await ownerPool().query(`UPDATE webhook_endpoint SET url = replace(url, '127.0.0.1', 'localhost') WHERE id = $1`, [endpoint.id])
    await expect(deliverWebhook(job, { allowPrivateNetworks: false })).rejects.toThrow(WebhookDeliveryError)
    expect((await deliveryRow(job.deliveryId)).last_error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is not public/)
    // IPv4 loopback inside IPv6 forms: IPv4-compatible, IPv4-translated, NAT64.
    for (const literal of ['::7f00:1', '::ffff:0:7f00:1', '64:ff9b::7f00:1']) {
      await ownerPool().query(`UPDATE webhook_endpoint SET url = $2 WHERE id = $1`, [endpoint.id, `https://[${literal}]:${receiver.port}${path}`])
      await noBackoff()
      await expect(deliverWebhook(job, { allowPrivateNetworks: false })).rejects.toThrow(WebhookDeliveryError)
      expect((await deliveryRow(job.deliveryId)).last_error).toBe(`Not sent: ${literal} is not a public address.`)
    }
    expect(receiver.received.filter((h) => h.path === path)).toHaveLength(0)
  })

  it('backs off an endpoint that keeps failing: its deliveries wait without a try, then one success ends it', async () => {
    const { job, path, endpoint, workspace } = await queuedDelivery()
    const endpointRow = async () =>
      (await ownerPool().query('SELECT failures_in_row, backoff_until FROM webhook_endpoint WHERE id = $1', [endpoint.id])).rows[0]
    receiver.respond = answer(500, 'broken')
    for (let failure = 1; failure < FAILURES_BEFORE_BACKOFF; failure++) {
      await expect(deliverWebhook(job)).rejects.toThrow(WebhookDeliveryError)
      expect(await endpointRow()).toEqual({ failures_in_row: failure, backoff_until: null })
    }
    // Another event for the same endpoint fails too: now the endpoint backs off for 30 seconds.
    await receivedRequest(workspace.id)
    const other = (await deliveriesOf(endpoint.id)).find((row) => row.id !== job.deliveryId)!
    await expect(deliverWebhook({ workspaceId: workspace.id, deliveryId: other.id })).rejects.toThrow(WebhookDeliveryError)
    const backingOff = await endpointRow()
    expect(backingOff.failures_in_row).toBe(FAILURES_BEFORE_BACKOFF)
    expect(backingOff.backoff_until.getTime() - Date.now()).toBeGreaterThan(25_000)
    expect(backingOff.backoff_until.getTime() - Date.now()).toBeLessThanOrEqual(30_000)

    // Meanwhile its deliveries are not tried: deferred to after the backoff, attempts unchanged.
    const sent = receiver.received.filter((h) => h.path === path).length
    const deferred = await deliverWebhook(job)
    expect(deferred).toMatchObject({ reason: 'endpoint backing off' })
    expect((deferred as { deferUntil: Date }).deferUntil.getTime()).toBeGreaterThanOrEqual(backingOff.backoff_until.getTime())
    expect(receiver.received.filter((h) => h.path === path)).toHaveLength(sent)
    expect((await deliveryRow(job.deliveryId)).attempts).toBe(FAILURES_BEFORE_BACKOFF - 1)

    // Once it has passed, the next try goes out; a success ends the backoff.
    await ownerPool().query(`UPDATE webhook_endpoint SET backoff_until = now() - interval '1 second' WHERE id = $1`, [endpoint.id])
    receiver.respond = answer(204)
    expect(await deliverWebhook(job)).toBe('delivered')
    expect(await endpointRow()).toEqual({ failures_in_row: 0, backoff_until: null })
  })

  it('sends nothing to a disabled endpoint', async () => {
    const { job, path, endpoint, tenant } = await queuedDelivery()
    expect(await disableWebhookEndpoint(tenant, endpoint.id, {})).toBe(true)
    expect(await deliverWebhook(job)).toBe('endpoint-disabled')
    expect(await deliveryRow(job.deliveryId)).toMatchObject({ last_error: 'Not sent: the endpoint was disabled.', failed_at: expect.any(Date) })
    expect(receiver.received.filter((h) => h.path === path)).toHaveLength(0)
    // And no new event is queued for it.
    await receivedRequest(tenant.workspaceId)
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1)
    expect(await sendTestEvent(tenant, endpoint.id, {})).toBe(false)
  })

  it('sends a test event to one endpoint on demand, whatever it subscribes to', async () => {
    const { endpoint, tenant, path } = await workspaceWithEndpoint(['request.completed'])
    expect(await sendTestEvent(tenant, endpoint.id, {})).toBe(true)
    const [row] = await deliveriesOf(endpoint.id)
    expect(await deliverWebhook({ workspaceId: tenant.workspaceId, deliveryId: row.id })).toBe('delivered')
    const [hook] = await receiver.waitFor(path)
    expect(verifyWebhookSignature(endpoint.secret, String(hook!.headers['candor-signature']), hook!.body)).toBe(true)
    expect(testWebhookEvent.parse(JSON.parse(hook!.body))).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } })
    const audit = await ownerPool().query(
      `SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'webhook_endpoint.%' ORDER BY seq`,
      [tenant.workspaceId],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['webhook_endpoint.create', 'webhook_endpoint.test'])
  })
})

describe('the events of a request', () => {
  function memberOf(made: Awaited<ReturnType<typeof workspaceWithEndpoint>>): Member {
    return {
      user: { id: made.owner.id, email: made.owner.email, name: made.owner.name },
      role: 'owner',
      workspace: { id: made.workspace.id, slug: made.workspace.slug, name: made.workspace.name },
      tenant: { workspaceId: made.workspace.id, actor: { type: 'user', userId: made.owner.id } },
      impersonation: null,
    } as unknown as Member
  }

  const summary = (rows: { event_type: string; payload: { previousState: string; data: { state: string } } }[]) =>
    rows.map((r) => `${r.event_type}: ${r.payload.previousState} → ${r.payload.data.state}`)

  it('follow the workflow: waiting for the requester, back, extended, completed, or rejected', async () => {
    const made = await workspaceWithEndpoint()
    const member = memberOf(made)
    const request = await receivedRequest(made.workspace.id, { type: 'rectification', jurisdiction: 'gdpr' })
    await askSubject(member, request.id, { reason: 'identity', message: 'Please send a copy of your ID.' }, {})
    await withTenant(made.tenant, async (tx) => {
      const current = await tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })
      await subjectAnswers(tx, current, 'Here it is.', {})
      // A second message changes no state: no event.
      await subjectAnswers(tx, { ...current, state: 'verified' }, 'And one more thing.', {})
    })
    await extendRequest(member, request.id, 'Many systems to search.', {})
    await completeRequest(member, request.id, 'Corrected.', {})
    const other = await receivedRequest(made.workspace.id, { type: 'objection' })
    await rejectRequest(member, other.id, { ground: 'exemption', explanation: 'A legal obligation applies.' }, {})

    const rows = await deliveriesOf(made.endpoint.id)
    expect(summary(rows.filter((r) => r.request_id === request.id))).toEqual([
      'request.received: unverified → verified',
      'request.state_changed: verified → awaiting_subject',
      'request.state_changed: awaiting_subject → verified',
      'request.extended: verified → verified',
      'request.completed: verified → completed',
    ])
    expect(summary(rows.filter((r) => r.request_id === other.id))).toEqual([
      'request.received: unverified → verified',
      'request.rejected: verified → rejected',
    ])
    for (const row of rows) requestWebhookEvent.parse(row.payload)
    expect(rows.find((r) => r.event_type === 'request.extended')!.payload.data.extendedAt).not.toBeNull()
    // One job per delivery, queued with it.
    const { rows: jobs } = await ownerPool().query(
      `SELECT data->>'deliveryId' AS id FROM ${BOSS_SCHEMA}.job WHERE name = 'webhook.deliver' AND data->>'workspaceId' = $1`,
      [made.workspace.id],
    )
    expect(jobs.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort())
  })

  it('reach only the endpoints subscribed to them', async () => {
    const made = await workspaceWithEndpoint(['request.completed'])
    const all = await createWebhookEndpoint(made.tenant, { url: `${receiver.url}/all`, events: [...REQUEST_EVENT_TYPES] }, {})
    const request = await receivedRequest(made.workspace.id, { type: 'restriction' })
    await completeRequest(memberOf(made), request.id, 'Done.', {})
    expect((await deliveriesOf(made.endpoint.id)).map((r) => r.event_type)).toEqual(['request.completed'])
    const both = (await deliveriesOf(all.id)).map((r) => r.event_type)
    expect(both).toEqual(['request.received', 'request.completed'])
    // The same event has one id for every endpoint.
    const [completedForOne] = await deliveriesOf(made.endpoint.id)
    expect((await deliveriesOf(all.id))[1].event_id).toBe(completedForOne.event_id)
  })

  it('exist only when the change commits: a rolled-back change leaves no delivery and no job', async () => {
    const made = await workspaceWithEndpoint()
    const request = await receivedRequest(made.workspace.id)
    const before = (await deliveriesOf(made.endpoint.id)).length
    await expect(
      withTenant(made.tenant, async (tx) => {
        const current = await tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })
        await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'completed', completedAt: new Date() } })
        expect(await emitRequestEvent(tx, current, 'request.completed')).toBe(1)
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await deliveriesOf(made.endpoint.id)).toHaveLength(before)
    const { rows } = await ownerPool().query(
      `SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = 'webhook.deliver' AND data->>'workspaceId' = $1`,
      [made.workspace.id],
    )
    expect(rows[0].n).toBe(before)
  })

  it("lose the subject's details when an erasure redacts their earlier requests", async () => {
    const made = await workspaceWithEndpoint()
    const earlier = await receivedRequest(made.workspace.id, { type: 'objection' })
    await rejectRequest(memberOf(made), earlier.id, { ground: 'exemption', explanation: 'A legal obligation applies.' }, {})
    expect(JSON.stringify(await deliveriesOf(made.endpoint.id))).toContain(earlier.email)

    const erasure = await receivedRequest(made.workspace.id, { type: 'erasure', email: earlier.email, subjectName: earlier.subjectName })
    const { rows: tasks } = await ownerPool().query('SELECT id FROM request_task WHERE request_id = $1', [erasure.id])
    await runTask({ workspaceId: made.workspace.id, taskId: tasks[0].id })

    const rows = await deliveriesOf(made.endpoint.id)
    const copies = rows.filter((r) => r.request_id === earlier.id)
    expect(copies).toHaveLength(2)
    for (const copy of copies) {
      expect(copy.payload.data).toMatchObject({ subjectName: '[erased]', email: `erased-${earlier.id}@erased.invalid`, reference: earlier.reference })
    }
    // The erasure request itself is kept as the proof that it was answered, with its copies.
    expect(rows.filter((r) => r.request_id === erasure.id)[0].payload.data.email).toBe(earlier.email)
  })
})
