// The webhook connector (issue 17, decision 036) against local receivers on 127.0.0.1: answers at
// once (access and erasure), accepted and answered later on the callback (with and without an
// upload), an endpoint that does not answer (the task waits, is sent again, staff are reminded),
// refusals (4xx, an oversized answer), the callback's token rules, and the example receiver of
// docs/examples run as it is. Candor's callback routes are reached through a small bridge that
// hands each HTTP request to the route's own action, so the example can call back for real.
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { faker } from '@faker-js/faker'
import { RouterContextProvider } from 'react-router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConnectedSystem } from '~/modules/connectors/data-systems.server'
import { addWebhookSystem, webhookSystemInput } from '~/modules/connectors/webhook/add-system.server'
import { newSigningSecret, signedHeaders } from '~/modules/connectors/webhook/signature.server'
import type { TaskMessage } from '~/modules/connectors/webhook/task-message'
import { remindWaitingTasks } from '~/modules/connectors/webhook/waiting-reminders.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { ErasureReceipt } from '~/modules/dsar/connectors/connector'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { type CollectionArtifact, artifactKey } from '~/modules/dsar/task-artifacts.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { runTaskJob } from '../../jobs/dsar-task'
import { action as collectionAction } from '../../app/routes/api/v1/data-system-task-collection'
import { action as resultAction } from '../../app/routes/api/v1/data-system-task-result'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { storedRows } from '../support/collection-rows'

type Route = (args: never) => Promise<unknown>
const call = async (route: Route, request: Request, params: Record<string, string>) =>
  (await (route as (args: unknown) => Promise<unknown>)({ request, params, context: new RouterContextProvider() })) as Response

// Candor's callback addresses, served by the route actions; APP_URL points the tasks' URLs here.
const bridge = http.createServer((incoming, outgoing) => {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
  const chunks: Buffer[] = []
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
  incoming.on('end', async () => {
    const request = new Request(url.href, { method: incoming.method, headers: incoming.headers as Record<string, string>, body: Buffer.concat(chunks) })
    const result = /^\/api\/v1\/data-system-tasks\/([^/]+)\/result$/.exec(url.pathname)
    const upload = /^\/api\/v1\/data-system-tasks\/([^/]+)\/collections\/([^/]+)$/.exec(url.pathname)
    const response = result
      ? await call(resultAction, request, { taskId: result[1]! })
      : upload
        ? await call(collectionAction, request, { taskId: upload[1]!, name: upload[2]! })
        : new Response('no such address', { status: 404 })
    outgoing.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text())
  })
})
await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve))
const candorOrigin = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}`
process.env.APP_URL = candorOrigin

/** A customer's endpoint: each test sets what it answers. */
type Received = { headers: http.IncomingHttpHeaders; body: string; task: TaskMessage }
let answer: (received: Received, response: http.ServerResponse) => void = (_, response) => response.writeHead(500).end()
const received: Received[] = []
const endpoint = http.createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    const got = { headers: request.headers, body, task: JSON.parse(body) as TaskMessage }
    received.push(got)
    answer(got, response)
  })
})
await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve))
const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/candor-tasks`

const json = (response: http.ServerResponse, status: number, value: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))

beforeAll(() => startQueue({ supervise: false }))
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await new Promise((resolve) => bridge.close(resolve))
  await new Promise((resolve) => endpoint.close(resolve))
})

async function workspaceWithWebhook(url = endpointUrl, timeoutSeconds = 5) {
  const made = await makeOwnedWorkspace()
  const secret = newSigningSecret()
  const scope = { workspaceId: made.workspace.id, actor: { type: 'system', reason: 'test' } as const }
  await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'webhook', name: 'Shop service', settings: { url, timeoutSeconds }, secret }))
  return { ...made, secret }
}

/** A confirmed request of `type` about `email`, and the id of its task in the webhook system. */
async function confirmedRequest(workspace: { id: string; slug: string }, type: 'access' | 'erasure', email = faker.internet.email().toLowerCase()) {
  const filed = await fileRequest(
    workspace.slug,
    { type, subjectName: 'Ada Lovelace', email, relationship: 'customer', jurisdiction: 'gdpr', details: '', agentName: null, agentAuthority: null },
    { ip: faker.internet.ipv4(), portalOrigin: 'https://portal.example' },
  )
  if (filed.outcome !== 'filed') throw new Error('not filed')
  const mail = await newestMailTo(email, 'Confirm your privacy request%')
  await confirmRequest(workspace.slug, { reference: filed.reference, proof: { code: mail.code! } }, {})
  const { rows } = await ownerPool().query(
    `SELECT r.id AS request_id, t.id AS task_id FROM privacy_request r
       JOIN request_task t ON t.request_id = r.id JOIN data_system s ON s.id = t.data_system_id AND s.kind = 'webhook'
      WHERE r.reference = $1`,
    [filed.reference],
  )
  return { requestId: rows[0].request_id as string, taskId: rows[0].task_id as string, job: { workspaceId: workspace.id, taskId: rows[0].task_id as string } }
}

const run = (job: { workspaceId: string; taskId: string }) => runTaskJob({ id: 'test', name: 'dsar.task', data: job } as never)

type TaskRow = { state: string; waiting_reason: string | null; last_error: string | null; artifact: { collections?: CollectionArtifact[] } | null; receipt: ErasureReceipt | null }
const taskRow = async (taskId: string) =>
  (await ownerPool().query<TaskRow>('SELECT state, waiting_reason, last_error, artifact, receipt FROM request_task WHERE id = $1', [taskId])).rows[0]!

async function rowsOf(workspaceId: string, artifact: CollectionArtifact) {
  const key = await withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, (tx) => artifactKey(tx, workspaceId, artifact))
  return storedRows(artifact, key)
}

const postResult = (taskId: string, token: string | null, body: string) =>
  call(
    resultAction,
    new Request(`${candorOrigin}/api/v1/data-system-tasks/${taskId}/result`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    }),
    { taskId },
  )

const auditCount = async (workspaceId: string) => (await ownerPool().query('SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1', [workspaceId])).rows[0].n as number

describe('connecting a webhook endpoint', () => {
  it('makes a signing secret, returns it once and stores it only sealed', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const { id, secret } = await addWebhookSystem(member, webhookSystemInput.parse({ name: ' Billing service ', url: endpointUrl }), {})
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32)
    const { rows } = await ownerPool().query('SELECT name, kind, settings, secret FROM data_system WHERE id = $1', [id])
    expect(rows[0]).toMatchObject({ name: 'Billing service', kind: 'webhook', settings: { url: endpointUrl, timeoutSeconds: 10 } })
    expect(rows[0].secret).not.toContain(secret.slice(6, 20))
    const audit = await ownerPool().query('SELECT after::text AS after FROM audit_entry WHERE workspace_id = $1 AND action = $2', [workspace.id, 'data_system.add'])
    expect(audit.rows).toHaveLength(1)
    expect(audit.rows[0].after).not.toContain(secret.slice(6, 20))
  })

  it('refuses an address that is not http(s), and control characters in the name', () => {
    expect(webhookSystemInput.safeParse({ name: 'Billing', url: 'ftp://files.example/x' }).error?.issues[0]?.message).toBe('Use an https:// address.')
    expect(webhookSystemInput.safeParse({ name: 'Bill\u0000ing', url: endpointUrl }).error?.issues[0]?.message).toBe('The name cannot contain control characters.')
    expect(webhookSystemInput.safeParse({ name: 'Billing', url: 'https://user:pw@hooks.example/' }).success).toBe(false)
  })
})

describe('an endpoint that answers at once', () => {
  it('gives an access task its collections, from a signed POST that says what to do and where to answer', async () => {
    const { workspace, secret } = await workspaceWithWebhook()
    answer = (_, response) => json(response, 200, { collections: [{ name: 'orders', description: 'Orders placed', fields: ['id', 'total'], rows: [{ id: 'o-1', total: '42.00' }, { id: 'o-2', total: '7.50' }] }] })
    const { job, requestId } = await confirmedRequest(workspace, 'access', 'ada@example.com')
    await run(job)

    const sent = received.at(-1)!
    expect(sent.headers['webhook-id']).toBe(job.taskId)
    expect(sent.headers['webhook-signature']).toBe(signedHeaders(secret, job.taskId, sent.body, Number(sent.headers['webhook-timestamp']) * 1000)['webhook-signature'])
    expect(sent.task).toMatchObject({ type: 'access', taskId: job.taskId, request: { id: requestId }, subject: { email: 'ada@example.com', name: 'Ada Lovelace' } })
    expect(sent.task.answer.resultUrl).toBe(`${candorOrigin}/api/v1/data-system-tasks/${job.taskId}/result`)
    expect(sent.task.answer.uploadUrl).toBe(`${candorOrigin}/api/v1/data-system-tasks/${job.taskId}/collections/{name}?token=${sent.task.answer.token}`)

    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    const [orders] = task.artifact!.collections!
    expect(orders).toMatchObject({ name: 'orders', description: 'Orders placed', fields: ['id', 'total'], rows: 2 })
    expect(await rowsOf(workspace.id, orders!)).toEqual([{ id: 'o-1', total: '42.00' }, { id: 'o-2', total: '7.50' }])
    // Only its hash is stored.
    const { rows } = await ownerPool().query('SELECT token_hash FROM data_system_task_token WHERE task_id = $1', [job.taskId])
    expect(rows).toHaveLength(1)
    expect(rows[0].token_hash).not.toContain(sent.task.answer.token)
  })

  it('gives an erasure task a receipt with the counts and what is kept, and why', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => json(response, 200, { counts: [{ what: 'orders', count: 3 }], kept: [{ what: 'invoices', count: 2, why: 'Kept 10 years for tax law' }] })
    const { job } = await confirmedRequest(workspace, 'erasure')
    await run(job)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    expect(task.receipt).toMatchObject({ system: 'Shop service', items: [{ what: 'orders', count: 3 }], kept: [{ what: 'invoices', count: 2, why: 'Kept 10 years for tax law' }] })
  })
})

describe('an endpoint that accepts the task and answers later', () => {
  it('waits for the system, then records the erasure its callback reports', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => response.writeHead(202).end()
    const { job } = await confirmedRequest(workspace, 'erasure')
    await run(job)
    expect(await taskRow(job.taskId)).toMatchObject({ state: 'waiting_for_system', waiting_reason: expect.stringMatching(/^The endpoint accepted the task and answers on its callback \(by \d{4}-\d\d-\d\d\)\.$/) })

    const { token } = received.at(-1)!.task.answer
    const response = await postResult(job.taskId, token, JSON.stringify({ counts: [{ what: 'orders', count: 4 }] }))
    expect(response.status).toBe(200)
    expect(await taskRow(job.taskId)).toMatchObject({ state: 'done', receipt: { items: [{ what: 'orders', count: 4 }] } })
    // The token works until the task is done, not after.
    const again = await postResult(job.taskId, token, JSON.stringify({ counts: [{ what: 'orders', count: 0 }] }))
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({ error: { code: 'task_done', message: 'This task is done already; its token no longer works.' } })
    expect((await taskRow(job.taskId)).receipt!.items).toEqual([{ what: 'orders', count: 4 }])
  })

  it('takes a large collection as an NDJSON upload, then the result that lists it', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => response.writeHead(202).end()
    const { job } = await confirmedRequest(workspace, 'access')
    await run(job)
    const { uploadUrl, token } = received.at(-1)!.task.answer
    const ndjson = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ at: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`, page: `/p/${i}` })).join('\n')
    const url = uploadUrl.replace('{name}', 'page_views')
    const uploaded = await call(collectionAction, new Request(url, { method: 'PUT', body: ndjson }), { taskId: job.taskId, name: 'page_views' })
    expect(uploaded.status).toBe(200)
    expect(await uploaded.json()).toEqual({ data: { taskId: job.taskId, collection: 'page_views', rows: 3000 } })
    expect((await taskRow(job.taskId)).state).toBe('waiting_for_system')
    // A line that is not a JSON object refuses the whole upload, with its line number.
    const broken = await call(collectionAction, new Request(uploadUrl.replace('{name}', 'notes'), { method: 'PUT', body: '{"a":1}\n{"a":\n' }), { taskId: job.taskId, name: 'notes' })
    expect([broken.status, (await broken.json()).error.message]).toEqual([400, 'Line 2: it is not valid JSON.'])

    const result = await postResult(
      job.taskId,
      token,
      JSON.stringify({
        collections: [
          { name: 'profile', description: 'The account', fields: ['email'], rows: [{ email: 'ada@example.com' }] },
          { name: 'page_views', description: 'Pages seen', fields: ['at', 'page'], uploaded: true },
        ],
      }),
    )
    expect(result.status).toBe(200)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    expect(task.artifact!.collections!.map((c) => [c.name, c.fields, c.rows])).toEqual([
      ['profile', ['email'], 1],
      ['page_views', ['at', 'page'], 3000],
    ])
    const views = await rowsOf(workspace.id, task.artifact!.collections![1]!)
    expect(views).toHaveLength(3000)
    expect(views[2999]).toEqual({ at: '2026-11-04', page: '/p/2999' })
  })
})

describe('an endpoint that uploads, then answers at once', () => {
  it('keeps the collections of its answer and deletes the uploads it left out', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = ({ task }, response) => {
      const upload = task.answer.uploadUrl.replace('{name}', 'page_views')
      void fetch(upload, { method: 'PUT', body: '{"page":"/a"}\n{"page":"/b"}\n' })
        .then(async (uploaded) => expect(await uploaded.json()).toMatchObject({ data: { collection: 'page_views', rows: 2 } }))
        .then(() => json(response, 200, { collections: [{ name: 'orders', description: 'Orders placed', fields: ['id'], rows: [{ id: 'o-1' }] }] }))
    }
    const { job } = await confirmedRequest(workspace, 'access')
    await run(job)

    const task = await taskRow(job.taskId)
    expect(task.state).toBe('done')
    expect(task.artifact!.collections!.map((c) => c.name)).toEqual(['orders'])
    const stored: string[] = []
    for await (const object of objectStore().list(`workspaces/${workspace.id}/tasks/${job.taskId}/`)) stored.push(object.key)
    expect(stored).toEqual([`workspaces/${workspace.id}/tasks/${job.taskId}/orders.jsonl`])
  })
})

describe('an endpoint that does not answer', () => {
  it('leaves the task waiting for the system, sends it again later, and reminds staff once a day', async () => {
    const { workspace, owner } = await workspaceWithWebhook(endpointUrl, 1)
    answer = (_, response) => setTimeout(() => json(response, 200, { collections: [] }), 1500)
    const { job } = await confirmedRequest(workspace, 'access')
    // As pg-boss runs it: the job queued when the request was confirmed is the one running now.
    await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE singleton_key = $1`, [job.taskId])
    const before = Date.now()
    await run(job)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('waiting_for_system')
    expect(task.waiting_reason).toMatch(/^No answer within 1 second\. Candor sends the task again at \d\d:\d\d UTC \(send 2 of 6\)\.$/)
    const { rows: resend } = await ownerPool().query(`SELECT start_after FROM ${BOSS_SCHEMA}.job WHERE name = 'dsar.task' AND singleton_key = $1 AND state = 'created'`, [job.taskId])
    expect(resend).toHaveLength(1)
    expect(resend[0].start_after.getTime() - before).toBeGreaterThan(14 * 60_000)

    const mailsTo = async () =>
      (await ownerPool().query<{ subject: string; text: string }>('SELECT subject, text FROM email_message WHERE "to" = $1 AND subject LIKE $2 ORDER BY created_at', [owner.email, '%waiting%'])).rows
    // Within the first day: nothing yet.
    await remindWaitingTasks(new Date(Date.now() + 20 * 3600_000))
    expect(await mailsTo()).toEqual([])
    await remindWaitingTasks(new Date(Date.now() + 25 * 3600_000))
    await remindWaitingTasks(new Date(Date.now() + 26 * 3600_000))
    const firstDay = await mailsTo()
    expect(firstDay).toHaveLength(1)
    expect(firstDay[0]!.subject).toMatch(/: waiting 1 day for Shop service$/)
    expect(firstDay[0]!.text).toContain('Last word from the system: No answer within 1 second.')
    await remindWaitingTasks(new Date(Date.now() + 49 * 3600_000))
    expect((await mailsTo()).map((m) => m.subject.replace(/^.*: /, ''))).toEqual(['waiting 1 day for Shop service', 'waiting 2 days for Shop service'])
  })
})

describe('an endpoint whose answer is cut off', () => {
  it('waits for the system rather than taking half an answer', async () => {
    const { workspace } = await workspaceWithWebhook(endpointUrl, 1)
    // Headers and half the JSON in time, the rest too late: not a complete answer within the second.
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).write('{"collections": [')
      setTimeout(() => response.end(']}'), 1500)
    }
    const { job } = await confirmedRequest(workspace, 'access')
    await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE singleton_key = $1`, [job.taskId])
    await run(job)
    expect(await taskRow(job.taskId)).toMatchObject({
      state: 'waiting_for_system',
      waiting_reason: expect.stringMatching(/^No answer within 1 second\. Candor sends the task again at /),
    })
  })
})

describe('an endpoint that refuses', () => {
  it('fails the task at once with the status and a short excerpt of its answer', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => response.writeHead(403, { 'content-type': 'text/plain' }).end(`unknown tenant${' x'.repeat(500)}`)
    const { job, requestId } = await confirmedRequest(workspace, 'erasure')
    await run(job)
    const task = await taskRow(job.taskId)
    expect(task.state).toBe('failed')
    expect(task.last_error).toMatch(/^The endpoint refused the task: 403 Forbidden — “unknown tenant( x)+”\.$/)
    expect(task.last_error!.length).toBeLessThan(400)
    const { rows } = await ownerPool().query('SELECT state FROM privacy_request WHERE id = $1', [requestId])
    expect(rows[0].state).toBe('needs_attention')
  })

  it('fails the task with a clear message when the answer is larger than 5 MB', async () => {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => json(response, 200, { collections: [{ name: 'blob', description: '', fields: ['x'], rows: [{ x: 'y'.repeat(6 * 1024 * 1024) }] }] })
    const { job } = await confirmedRequest(workspace, 'access')
    await run(job)
    expect(await taskRow(job.taskId)).toMatchObject({
      state: 'failed',
      last_error: "The endpoint's answer is larger than 5 MB: send large collections through the upload URL, then the result.",
    })
  })
})

describe('the callback token', () => {
  async function waitingTask(type: 'access' | 'erasure' = 'erasure') {
    const { workspace } = await workspaceWithWebhook()
    answer = (_, response) => response.writeHead(202).end()
    const made = await confirmedRequest(workspace, type)
    await run(made.job)
    return { ...made, workspace, token: received.at(-1)!.task.answer.token }
  }
  const counts = JSON.stringify({ counts: [{ what: 'orders', count: 1 }] })

  it("refuses a wrong token, another task's token and an expired one, and writes nothing", async () => {
    const mine = await waitingTask()
    const other = await waitingTask()
    const audits = await auditCount(mine.workspace.id)

    const missing = await postResult(mine.taskId, null, counts)
    expect(missing.status).toBe(401)
    const wrong = await postResult(mine.taskId, `cdt_${'A'.repeat(43)}`, counts)
    expect([wrong.status, (await wrong.json()).error.code]).toEqual([401, 'invalid_token'])
    const crossed = await postResult(mine.taskId, other.token, counts)
    expect([crossed.status, (await crossed.json()).error.code]).toEqual([404, 'not_found'])
    const crossedUpload = await call(
      collectionAction,
      new Request(`${candorOrigin}/api/v1/data-system-tasks/${mine.taskId}/collections/x?token=${other.token}`, { method: 'PUT', body: '{"a":1}' }),
      { taskId: mine.taskId, name: 'x' },
    )
    expect(crossedUpload.status).toBe(404)

    await ownerPool().query(`UPDATE data_system_task_token SET expires_at = now() - interval '1 second' WHERE task_id = $1`, [mine.taskId])
    const expired = await postResult(mine.taskId, mine.token, counts)
    expect([expired.status, (await expired.json()).error.code]).toEqual([401, 'token_expired'])

    expect(await taskRow(mine.taskId)).toMatchObject({ state: 'waiting_for_system', receipt: null })
    expect(await taskRow(other.taskId)).toMatchObject({ state: 'waiting_for_system', receipt: null })
    expect(await auditCount(mine.workspace.id)).toBe(audits)
  })

  it('answers bad JSON, and an answer of the wrong form, with a clear 400', async () => {
    const { taskId, token } = await waitingTask()
    const bad = await postResult(taskId, token, '{"counts": [')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: { code: 'invalid_answer', message: 'The body is not valid JSON.' } })
    const wrongForm = await postResult(taskId, token, JSON.stringify({ counts: [{ what: 'orders', count: -1 }] }))
    expect(wrongForm.status).toBe(400)
    expect((await wrongForm.json()).error.message).toMatch(/^The erasure answer is not in the expected form \(counts\.0\.count: /)
    const nul = await postResult(taskId, token, JSON.stringify({ counts: [{ what: 'orders\u0000', count: 1 }] }))
    expect(nul.status).toBe(400)
    expect((await taskRow(taskId)).state).toBe('waiting_for_system')
  })
})

describe('the example receiver in docs/examples', () => {
  let receiver: ChildProcess
  let receiverUrl: string
  let setUp: Awaited<ReturnType<typeof workspaceWithWebhook>>

  beforeAll(async () => {
    const secret = newSigningSecret()
    receiver = spawn(process.execPath, ['docs/examples/webhook-connector-receiver.mjs'], { env: { ...process.env, CANDOR_SIGNING_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
    receiverUrl = await new Promise<string>((resolve, reject) => {
      receiver.stdout!.on('data', (chunk: Buffer) => {
        const match = /listening on (\S+)/.exec(chunk.toString())
        if (match) resolve(match[1]!)
      })
      receiver.on('exit', (code) => reject(new Error(`the example receiver exited (${code})`)))
    })
    const made = await makeOwnedWorkspace()
    const scope = { workspaceId: made.workspace.id, actor: { type: 'system', reason: 'test' } as const }
    await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'webhook', name: 'Shop service', settings: { url: receiverUrl, timeoutSeconds: 5 }, secret }))
    setUp = { ...made, secret }
  })
  afterAll(() => {
    receiver.kill()
  })

  it("accepts Candor's signature and refuses a tampered body", async () => {
    const body = JSON.stringify({ type: 'access', taskId: 't', subject: { email: 'ada@example.com', name: 'Ada' } })
    const headers = signedHeaders(setUp.secret, 'msg_1', body)
    const signed = await fetch(receiverUrl, { method: 'POST', headers, body })
    expect(signed.status).toBe(200)
    const tampered = await fetch(receiverUrl, { method: 'POST', headers, body: body.replace('ada@', 'eve@') })
    expect([tampered.status, await tampered.text()]).toEqual([401, 'invalid signature'])
    const otherSecret = await fetch(receiverUrl, { method: 'POST', headers: signedHeaders(newSigningSecret(), 'msg_1', body), body })
    expect(otherSecret.status).toBe(401)
  })

  it('completes an access task with its data, and an erasure it reports on the callback', async () => {
    const access = await confirmedRequest(setUp.workspace, 'access', 'ada@example.com')
    await run(access.job)
    const collected = await taskRow(access.taskId)
    expect(collected.state).toBe('done')
    expect(await rowsOf(setUp.workspace.id, collected.artifact!.collections![0]!)).toEqual([
      { id: 'o-1001', total: '42.00', placedAt: '2026-11-02' },
      { id: 'o-1002', total: '7.50', placedAt: '2026-11-20' },
    ])

    const erasure = await confirmedRequest(setUp.workspace, 'erasure', 'ada@example.com')
    await run(erasure.job)
    expect((await taskRow(erasure.taskId)).state).toBe('waiting_for_system')
    const erased = await eventually(async () => {
      const row = await taskRow(erasure.taskId)
      return row.state === 'done' && row
    }, { what: 'the example to report its erasure' })
    expect(erased.receipt!.items).toEqual([{ what: 'orders', count: 2 }])
  })
})
