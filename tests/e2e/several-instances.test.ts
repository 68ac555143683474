// Candor as it runs on Fly: two web processes (CANDOR_ROLE=web) and two workers
// (CANDOR_ROLE=worker), started together on one database. A mixed load goes through both web
// instances (the portal, the API with a key, dashboard pages as a signed-in member, trust page
// reads), and the workers do the jobs it causes: every e-mail reaches the provider once (counted
// by its idempotency key), every webhook event is accepted once (counted by its event id; a
// redelivery after a refusal carries the same id), every privacy-request task and export is done
// once. A publish through one instance shows at once on the other, whose page was cached; the
// portal's per-address limit holds when a flood is split over both; and a worker killed with
// SIGKILL in the middle of a backlog loses nothing: the other delivers the backlog and the
// killed one's jobs are retried (their expiry is brought forward, see support/orphaned-jobs.ts).
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { keyring } from '~/modules/crypto/kek.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { PORTAL_LIMITS } from '~/modules/dsar/file-request.server'
import { queueEmail } from '~/modules/email/email.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { EVENT_ID_HEADER } from '~/modules/webhooks/signature.server'
import { type RunningCandor, type RunningWorker, startCandor, startCandorWorker } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { expireOrphanedJob } from '../support/orphaned-jobs'
import { fileOnPortal, requestInputFor } from '../support/requests'
import { type ReceivedRequest, startResendStandIn } from '../support/resend-stand-in'
import { type ReceivedWebhook, startWebhookReceiver } from '../support/webhook-receiver'

let dataDir: string
let resend: Awaited<ReturnType<typeof startResendStandIn>>
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let boss: PgBoss
let webs: RunningCandor[] = []
let workers: RunningWorker[] = []

// Each worker reaches the provider under its own path, so the provider can tell which worker
// sent an e-mail.
const WORKER_PATHS = ['/worker-a', '/worker-b'] as const

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-instances-'))
  await chmod(dataDir, 0o777)
  ;[resend, receiver] = await Promise.all([startResendStandIn(), startWebhookReceiver()])
  // Every process shares the object store folder (exports) and this process's KEK (which wrapped
  // the data keys of the workspaces it makes).
  const env = {
    NODE_ENV: 'test',
    CANDOR_DATA_DIR: dataDir,
    CANDOR_KEK: (await keyring()).current.key.toString('base64'),
    CLIENT_IP_HEADER: 'x-forwarded-for',
    RESEND_API_KEY: 're_stand_in',
    RESEND_BASE_URL: resend.url,
  }
  // All at once, as a deploy starts its machines. Whatever started is stopped after the file.
  const [webResults, workerResults, queueResults] = await Promise.all([
    Promise.allSettled([startCandor({ ...env, CANDOR_ROLE: 'web' }), startCandor({ ...env, CANDOR_ROLE: 'web' })]),
    Promise.allSettled(WORKER_PATHS.map((prefix) => startCandorWorker({ ...env, RESEND_BASE_URL: `${resend.url}${prefix}` }))),
    Promise.allSettled([startQueue({ supervise: false })]),
  ])
  webs = fulfilled(webResults)
  workers = fulfilled(workerResults)
  boss = fulfilled(queueResults)[0]!
  const failed = [...webResults, ...workerResults, ...queueResults].find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
})

function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
}

afterAll(async () => {
  await Promise.all([...webs, ...workers].map((candor) => candor.stop()))
  await Promise.all([resend?.close(), receiver?.close()])
  await rm(dataDir, { recursive: true, force: true })
})

const count = async (sql: string, values: unknown[] = []) => (await ownerPool().query<{ n: number }>(sql, values)).rows[0]!.n

/** A member's session cookie, as signing in makes it (a real session row). */
async function memberCookie(userId: string): Promise<string> {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

/** A plain form post to `path` on `candor`, as a browser without JavaScript sends it. */
const postForm = (candor: RunningCandor, path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${candor.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(form),
    headers: { origin: candor.url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  })

const keyOf = (received: ReceivedRequest) => String(received.headers['idempotency-key'])
const messageKey = (messageId: string) => `email-message-${messageId}`

/** What each process printed (warnings and errors), for a failure's message. */
const processOutputs = () =>
  [...webs.map((candor) => ['web', candor] as const), ...workers.map((worker) => ['worker', worker] as const)]
    .map(([role, candor]) => `--- ${role} ${candor.pid}:\n${candor.output().slice(-2000)}`)
    .join('\n')

/** Every e-mail stored so far has left (none is still queued or failed). */
async function everyEmailSent(timeoutMs = 90_000): Promise<void> {
  await eventually(async () => (await count(`SELECT count(*)::int AS n FROM email_message WHERE status <> 'sent'`)) === 0, {
    timeoutMs,
    what: 'every e-mail to be sent',
  })
}

describe('two web and two worker processes on one database', () => {
  it('serve a mixed load through both web instances, and the workers do the work it causes once', { timeout: 240_000 }, async () => {
    const { workspace, owner } = await makeWorkspace()
    const tenant = { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } } as const
    const hookPath = `/hooks/${workspace.slug}`
    await createWebhookEndpoint(tenant, { url: `${receiver.url}${hookPath}`, events: ['request.received'] }, {})
    const { token } = await createApiKey(tenant, owner.id, { name: 'intake', scopes: ['requests:read', 'requests:write'] }, {})
    const cookie = await memberCookie(owner.id)

    // The endpoint refuses the first event once: Candor must send it again with the same id.
    let refused: ReceivedWebhook | undefined
    receiver.respond = (hook, response) => {
      if (hook.path === hookPath && !refused) {
        refused = hook
        response.writeHead(503).end()
      } else response.writeHead(204).end()
    }

    const api = (candor: RunningCandor, path: string, init: RequestInit = {}) =>
      fetch(`${candor.url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      })
    const portalFilings = Array.from({ length: 8 }, (_, n) => fileOnPortal(webs[n % 2]!.url, workspace.slug, { type: 'access' }, `203.0.113.${n + 1}`))
    const apiFilings = Array.from({ length: 6 }, async (_, n) => {
      // Four already verified by the company (received at once), two left for the requester to
      // confirm with the code they are e-mailed.
      const { type, subjectName, email, relationship, jurisdiction } = requestInputFor({ type: 'access' })
      const body = { type, subjectName, email, relationship, jurisdiction, emailVerified: n < 4 }
      const response = await api(webs[n % 2]!, '/requests', { method: 'POST', body: JSON.stringify(body) })
      expect(response.status).toBe(201)
      return ((await response.json()) as { data: { reference: string; state: string } }).data
    })
    const pageLoads = webs.flatMap((candor) =>
      ['', '/requests', '/webhooks', '/trust', '/api-keys'].map(async (page) => {
        const response = await fetch(`${candor.url}/w/${workspace.slug}${page}`, { headers: { cookie } })
        expect(response.status, `${candor.url} /w/${workspace.slug}${page}`).toBe(200)
        expect(await response.text()).toContain(`/w/${workspace.slug}/requests`)
      }),
    )
    // Visitors read the demo workspace's published trust page on both instances meanwhile.
    const trustReads = Array.from({ length: 40 }, async (_, n) => {
      const response = await fetch(`${webs[n % 2]!.url}/t/acme`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('Acme Analytics')
    })
    const [portal, filedByApi] = await Promise.all([Promise.all(portalFilings), Promise.all(apiFilings), Promise.all(pageLoads), Promise.all(trustReads)])
    expect(filedByApi.map((request) => request.state).sort()).toEqual(['in_progress', 'in_progress', 'in_progress', 'in_progress', 'unverified', 'unverified'])

    // Both instances list the same requests through the API.
    const listed = await Promise.all(
      webs.map(async (candor) => {
        const response = await api(candor, '/requests?limit=100')
        expect(response.status).toBe(200)
        return ((await response.json()) as { data: { reference: string }[] }).data.map((r) => r.reference).sort()
      }),
    )
    expect(listed[0]).toEqual([...portal.map((r) => r.reference), ...filedByApi.map((r) => r.reference)].sort())
    expect(listed[1]).toEqual(listed[0])

    // The work the load caused: 12 requests received (8 confirmed on the portal, 4 verified by
    // the company), each with its event, its built-in task and its export.
    const received = 12
    let left: Record<string, number> = {}
    await eventually(
      async () => {
        // The refused event's retry is made due now rather than after its backoff.
        await ownerPool().query(`UPDATE ${BOSS_SCHEMA}.job SET start_after = now() WHERE name = 'webhook.deliver' AND state = 'retry'`)
        const { rows } = await ownerPool().query<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM webhook_delivery WHERE workspace_id = $1) AS deliveries,
                  (SELECT count(*)::int FROM webhook_delivery WHERE workspace_id = $1 AND delivered_at IS NULL) AS undelivered,
                  (SELECT count(*)::int FROM request_task WHERE workspace_id = $1 AND state <> 'done') AS unfinished_tasks,
                  (SELECT count(*)::int FROM privacy_request r WHERE r.workspace_id = $1 AND r.received_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM request_export x WHERE x.request_id = r.id)) AS without_export`,
          [workspace.id],
        )
        left = rows[0]!
        return left.deliveries === received && left.undelivered === 0 && left.unfinished_tasks === 0 && left.without_export === 0
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'the webhooks, tasks and exports of the load' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; left: ${JSON.stringify(left)}\n${processOutputs()}`)
    })
    await everyEmailSent()

    // Every e-mail reached the provider exactly once, under its own idempotency key.
    const { rows: messages } = await ownerPool().query<{ id: string; attempts: number }>('SELECT id, attempts FROM email_message')
    const sends = new Map<string, number>()
    for (const request of resend.received) sends.set(keyOf(request), (sends.get(keyOf(request)) ?? 0) + 1)
    expect([...sends.keys()].sort()).toEqual(messages.map((m) => messageKey(m.id)).sort())
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
    expect(messages.every((m) => m.attempts === 1)).toBe(true)
    // This workspace's share: a confirmation per unverified filing, and more.
    expect(await count('SELECT count(*)::int AS n FROM email_message WHERE workspace_id = $1', [workspace.id])).toBeGreaterThanOrEqual(10)

    // Every event was accepted once; the refused one came back with the same id and body.
    const hooks = receiver.received.filter((hook) => hook.path === hookPath)
    const eventIds = hooks.map((hook) => String(hook.headers[EVENT_ID_HEADER.toLowerCase()]))
    const { rows: deliveries } = await ownerPool().query<{ event_id: string; attempts: number; last_status: number }>(
      'SELECT event_id, attempts, last_status FROM webhook_delivery WHERE workspace_id = $1',
      [workspace.id],
    )
    expect(new Set(eventIds)).toEqual(new Set(deliveries.map((d) => d.event_id)))
    expect(hooks).toHaveLength(received + 1)
    const refusedId = String(refused!.headers[EVENT_ID_HEADER.toLowerCase()])
    expect(eventIds.filter((id) => id === refusedId)).toHaveLength(2)
    expect(hooks.filter((hook) => hook.headers[EVENT_ID_HEADER.toLowerCase()] === refusedId).map((hook) => hook.body)).toEqual([refused!.body, refused!.body])
    for (const delivery of deliveries) {
      expect(delivery).toEqual({ event_id: delivery.event_id, attempts: delivery.event_id === refusedId ? 2 : 1, last_status: 204 })
    }

    // Each task ran once (one attempt, one timeline entry, one audit entry); each export was made once.
    const { rows: tasks } = await ownerPool().query<{ attempts: number; events: number; audits: number }>(
      `SELECT t.attempts,
              (SELECT count(*)::int FROM request_event e WHERE e.request_id = t.request_id AND e.kind = 'task_done') AS events,
              (SELECT count(*)::int FROM audit_entry a WHERE a.target_id = t.id::text AND a.action = 'request.task.collect') AS audits
         FROM request_task t JOIN data_system s ON s.id = t.data_system_id
        WHERE t.workspace_id = $1 AND s.kind = 'built_in'`,
      [workspace.id],
    )
    expect(tasks).toHaveLength(received)
    expect(tasks.every((task) => task.attempts === 1 && task.events === 1 && task.audits === 1)).toBe(true)
    expect(await count('SELECT count(*)::int AS n FROM request_export WHERE workspace_id = $1', [workspace.id])).toBe(received)
    expect(await count(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.create'`, [workspace.id])).toBe(received)
  })

  it('show a publish through one instance at once on the other, whose page was cached', { timeout: 60_000 }, async () => {
    const { workspace, owner } = await makeWorkspace()
    const cookie = await memberCookie(owner.id)
    const [first, second] = webs as [RunningCandor, RunningCandor]
    const publish = async (through: RunningCandor, headline: string) => {
      const saved = await postForm(through, `/w/${workspace.slug}/trust/overview`, { intent: 'save', 'overview.headline': headline, 'overview.summary': '' }, { cookie })
      expect(saved.status).toBe(200)
      // The publish form carries the checklist the editor showed (this bare page has warnings, confirmed).
      const editor = await (await fetch(`${through.url}/w/${workspace.slug}/trust`, { headers: { cookie } })).text()
      const review = /name="review" value="([^"]+)"/.exec(editor)![1]!
      const published = await postForm(through, `/w/${workspace.slug}/trust`, { intent: 'publish', review, confirm: 'yes' }, { cookie })
      expect(published.status).toBe(302)
    }
    /** The page as `candor` serves it, read twice: the second answer comes from its cache. */
    const pageAt = async (candor: RunningCandor) => {
      const page = await fetch(`${candor.url}/t/${workspace.slug}`)
      expect(page.status).toBe(200)
      const again = await fetch(`${candor.url}/t/${workspace.slug}`, { headers: { 'if-none-match': page.headers.get('etag')! } })
      expect(again.status).toBe(304)
      return page.text()
    }

    await publish(first, 'Version one of our security page')
    for (const candor of webs) expect(await pageAt(candor)).toContain('Version one of our security page')
    await publish(first, 'Version two of our security page')
    // The other instance had version one cached: it serves version two at the next request.
    for (const candor of [second, first]) {
      const page = await pageAt(candor)
      expect(page).toContain('Version two of our security page')
      expect(page).not.toContain('Version one')
    }
    await publish(second, 'Version three of our security page')
    for (const candor of [first, second]) expect(await pageAt(candor)).toContain('Version three of our security page')
  })

  it('hold the portal’s limit per address when a flood is split over both instances', { timeout: 60_000 }, async () => {
    const { workspace } = await makeWorkspace()
    // The limit counts in fixed clock-hour windows: a flood across the turn of the hour would
    // rightly be counted in two. Start it well inside one.
    const toNextHour = 3_600_000 - (Date.now() % 3_600_000)
    if (toNextHour < 20_000) await sleep(toNextHour + 1000)
    const { limit } = PORTAL_LIMITS.perIp
    const statuses = await Promise.all(
      Array.from({ length: 2 * limit + 4 }, (_, n) => {
        const input = requestInputFor({ type: 'access', email: `flood-${n}@flood.example` })
        const form = { type: input.type, subjectName: input.subjectName, email: input.email, relationship: input.relationship, jurisdiction: input.jurisdiction, agent: 'self' }
        return postForm(webs[n % 2]!, `/p/${workspace.slug}`, form, { 'x-forwarded-for': '198.51.100.23' }).then((response) => response.status)
      }),
    )
    expect(statuses.filter((status) => status === 302)).toHaveLength(limit)
    expect(statuses.filter((status) => status === 429)).toHaveLength(limit + 4)
    expect(await count('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [workspace.id])).toBe(limit)
    // Another address is not held back by it, on either instance.
    for (const [n, candor] of webs.entries()) {
      const input = requestInputFor({ type: 'access' })
      const form = { type: input.type, subjectName: input.subjectName, email: input.email, relationship: input.relationship, jurisdiction: input.jurisdiction, agent: 'self' }
      expect((await postForm(candor, `/p/${workspace.slug}`, form, { 'x-forwarded-for': `198.51.100.${100 + n}` })).status).toBe(302)
    }
    await everyEmailSent()
  })

  it('lose nothing when a worker is killed in the middle of a backlog', { timeout: 240_000 }, async () => {
    const { workspace } = await makeWorkspace()
    const doomed = workers[0]!
    const [doomedPath, survivorPath] = WORKER_PATHS
    const before = resend.received.length
    // The provider holds its answers, so both workers are surely in the middle of sending. The
    // backlog grows in waves until both hold some: however many jobs one worker takes at a
    // time, the other then has its share.
    resend.holdEverything(true)
    const ids: string[] = []
    const backlogKeys = new Set<string>()
    let lastWave = 0
    const queueWave = async () => {
      lastWave = Date.now()
      const queued = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, async (tx) => {
        const wave: string[] = []
        for (let n = ids.length; n < ids.length + 40; n++) {
          const { messageId } = await queueEmail(tx, workspace.id, { to: `subscriber-${n}@backlog.example`, subject: `Backlog notice ${n}`, text: 'A change to our sub-processors.' })
          wave.push(messageId)
        }
        return wave
      })
      ids.push(...queued)
      for (const id of queued) backlogKeys.add(messageKey(id))
    }
    const sentVia = (prefix: string) =>
      resend.received.slice(before).filter((request) => request.path.startsWith(`${prefix}/`) && backlogKeys.has(keyOf(request)))
    await queueWave()
    await eventually(
      async () => {
        if (sentVia(doomedPath).length > 0 && sentVia(survivorPath).length > 0) return true
        // Each worker looks for jobs at least every second: a wave not shared by then is all taken.
        if (Date.now() - lastWave > 3000 && ids.length < 2000) await queueWave()
        return false
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'both workers to be sending the backlog' },
    )
    const killedAt = (await ownerPool().query<{ now: Date }>('SELECT now()')).rows[0]!.now
    await doomed.kill()
    const cutOff = new Set(sentVia(doomedPath).map(keyOf))
    resend.holdEverything(false)
    resend.releaseHeld()

    // The survivor delivers the rest of the backlog. What stays is the killed worker's: jobs it
    // had started, active until their expiry, never handed to the survivor meanwhile.
    let previous = ''
    const orphaned = await eventually(
      async () => {
        const { rows } = await ownerPool().query<{ id: string; state: string; started_on: Date | null; message_id: string }>(
          `SELECT id, state, started_on, data->>'messageId' AS message_id FROM ${BOSS_SCHEMA}.job
            WHERE name = 'email.send' AND state IN ('created', 'retry', 'active')`,
        )
        const onlyOrphans = rows.every((row) => row.state === 'active' && row.started_on! < killedAt)
        // The same set twice in a row: none of them is a survivor's job about to complete.
        const seen = rows.map((row) => row.id).sort().join()
        const settled = onlyOrphans && rows.length > 0 && seen === previous
        previous = onlyOrphans ? seen : ''
        return settled ? rows : undefined
      },
      { timeoutMs: 120_000, intervalMs: 1000, what: 'the survivor to deliver all but the killed worker’s jobs' },
    )
    const orphanKeys = new Set(orphaned.map((row) => messageKey(row.message_id)))
    for (const key of cutOff) expect(orphanKeys.has(key), `${key}, cut off by the kill, is still active`).toBe(true)
    expect(await count(`SELECT count(*)::int AS n FROM email_message WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [orphaned.map((row) => row.message_id)])).toBe(0)

    // Their expiry comes (brought forward here), and the survivor sends them too.
    for (const job of orphaned) await expireOrphanedJob(boss, 'email.send', job.id)
    await everyEmailSent()
    expect(await count(`SELECT count(*)::int AS n FROM email_message WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [ids])).toBe(ids.length)

    // Every e-mail reached the provider; only those cut off by the kill twice, with the same
    // idempotency key (so the provider sends them once), the second time from the survivor.
    const sends = new Map<string, ReceivedRequest[]>()
    for (const request of resend.received.slice(before).filter((r) => backlogKeys.has(keyOf(r)))) {
      sends.set(keyOf(request), [...(sends.get(keyOf(request)) ?? []), request])
    }
    expect(sends.size).toBe(ids.length)
    for (const [key, requests] of sends) {
      if (cutOff.has(key)) {
        expect(requests.map((r) => r.path.split('/')[1])).toEqual([doomedPath.slice(1), survivorPath.slice(1)])
      } else expect(requests, key).toHaveLength(1)
    }
    const { rows: attempts } = await ownerPool().query<{ id: string; attempts: number }>('SELECT id, attempts FROM email_message WHERE id = ANY($1::uuid[])', [ids])
    // A worker fetches a batch: some of the killed worker's jobs were started (cut off: two
    // attempts), others were still waiting their turn in its batch (one attempt, the survivor's)
    // or had just counted theirs before the kill (two).
    for (const message of attempts) {
      const key = messageKey(message.id)
      if (cutOff.has(key)) expect(message.attempts, message.id).toBe(2)
      else if (orphanKeys.has(key)) expect([1, 2], message.id).toContain(message.attempts)
      else expect(message.attempts, message.id).toBe(1)
    }
  })
})
