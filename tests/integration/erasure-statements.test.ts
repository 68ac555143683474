// What the subject and the staff are told about an erasure, read where they read it: the status
// page's loader, the dashboard's request page, the completion e-mail, the API and the webhook.
// Issue 12: with only Candor's own data system, one minute after confirming, the status page
// said "Erased from every primary system" though the company's product database was never
// registered. Nothing may claim more than the finished tasks prove.
import { readFile } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { sendStatusCode } from '~/modules/dsar/requester-access.server'
import { addManualSystem } from '~/modules/dsar/privacy-settings.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { completeManualTask } from '~/modules/dsar/manual-tasks.server'
import { completeRequest, rejectRequest } from '~/modules/dsar/workflow.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { loader as requestApi } from '~/routes/api/v1/request'
import { loader as staffPage } from '~/routes/dashboard/request'
import { action as statusAction, loader as statusPage } from '~/routes/privacy/status'
import { makeOwnedWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'
import { newestMailTo } from '../support/requester-mail'
import { answerOf, callAction, callLoader } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const EVERY = /every primary system|every system|everywhere|all (primary )?systems/i
const system = { type: 'system', reason: 'test' } as const

type Setup = Awaited<ReturnType<typeof makeOwnedWorkspace>>

async function erasureRequest(w: Setup) {
  const filed = await receivedRequest(w.workspace.id, { type: 'erasure' })
  const { rows } = await ownerPool().query<{ id: string; kind: string }>(
    `SELECT t.id, s.kind FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1 ORDER BY t.created_at`,
    [filed.id],
  )
  return { ...filed, tasks: rows }
}

/** The built-in task's job, as the worker runs it a moment after the e-mail is confirmed. */
async function runBuiltIn(w: Setup, request: Awaited<ReturnType<typeof erasureRequest>>) {
  const task = request.tasks.find((t) => t.kind === 'built_in')!
  await runTask({ workspaceId: w.workspace.id, taskId: task.id })
}

/** The subject's page, opened as they open it: a status code from the e-mail, then the page. */
async function statusPageOf(w: Setup, request: { reference: string; email: string }) {
  const slug = w.workspace.slug
  const asked = new Date(Date.now() - 1000)
  await sendStatusCode(slug, request, faker.internet.ipv4(), 'https://portal.example')
  const { code } = await newestMailTo(request.email, 'Your code to follow request%', asked)
  const path = `/p/${slug}/requests/${request.reference}`
  const params = { slug, reference: request.reference }
  const opened = await callAction(statusAction, { path, params, form: { intent: 'code', code: code! } })
  const cookie = (opened as Response).headers.get('set-cookie')!.split(';')[0]!
  return (await answerOf(await callLoader(statusPage, { path, params, headers: { cookie } }))).body as {
    request: { erasure: { summary: string; lines: string[]; backups: string | null } | null }
    events: { body: string }[]
  }
}

async function staffPageOf(w: Setup, reference: string) {
  const { token } = await withPlatform((tx) => startSession(tx, w.owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  const path = `/w/${w.workspace.slug}/requests/${reference}`
  const answer = await answerOf(await callLoader(staffPage, { path, params: { slug: w.workspace.slug, reference }, headers: { cookie } }))
  return answer.body as { erasure: { summary: string; lines: string[]; backups: string | null; warning: string | null } | null }
}

async function apiResourceOf(w: Setup, requestId: string) {
  const key = await createApiKey({ workspaceId: w.workspace.id, actor: system }, w.owner.id, { name: 'read', scopes: ['requests:read'] }, {})
  const answer = await answerOf(
    await callLoader(requestApi, { path: `/api/v1/requests/${requestId}`, params: { requestId }, headers: { authorization: `Bearer ${key.token}` } }),
  )
  return (answer.body as { data: Record<string, unknown> & { erasure: { complete: boolean; covers: string; summary: string; systems: unknown[] } } }).data
}

describe('an erasure in a workspace with only Candor’s own data system', () => {
  it('is said to cover Candor’s own records, never "every primary system", on the page, to staff, in the e-mail, the API and the webhook', async () => {
    const w = await makeOwnedWorkspace()
    await createWebhookEndpoint(w.member.tenant, { url: 'https://hooks.example/candor', events: ['request.completed'] }, {})
    const request = await erasureRequest(w)
    await runBuiltIn(w, request)

    const page = await statusPageOf(w, request)
    expect(JSON.stringify(page)).not.toMatch(EVERY)
    expect(page.request.erasure!.lines).toEqual([expect.stringMatching(/^Candor’s own records: erased \d+ \w+ \d{4}; older backups expected to age out by /)])
    expect(page.request.erasure!.summary).toMatch(/^Erased from Candor’s own records \(the records this privacy portal keeps\) on /)
    // Candor's own backups: computed from its catalogue, never called declared.
    expect(page.request.erasure!.backups).toMatch(/^Copies in Candor’s own backups taken before the erasure are deleted as those backups age out, by .+ at the latest \(computed from Candor’s backup catalogue and its backup retention\)\.$/)
    expect(page.events.map((e) => e.body).join('\n')).toContain('Candor’s own records: erased')

    const staff = await staffPageOf(w, request.reference)
    expect(JSON.stringify(staff.erasure)).not.toMatch(EVERY)
    expect(staff.erasure!.warning).toMatch(/^No data system besides Candor’s own was registered when this request was received/)

    const resource = await apiResourceOf(w, request.id)
    expect(JSON.stringify(resource)).not.toMatch(EVERY)
    expect(resource.erasure).toMatchObject({
      complete: true,
      covers: 'candor_only',
      systems: [{ system: 'Candor (this privacy portal)', label: 'Candor’s own records', kind: 'built_in', state: 'erased', erasedAt: expect.any(String), backupsExpectedBy: expect.any(String), backupsErasedAt: null, backupsBasis: 'computed' }],
    })

    const asked = new Date(Date.now() - 1000)
    await completeRequest(w.member, request.id, 'We have handled your request.', {})
    const mail = await newestMailTo(request.email, '%your request is complete%', asked)
    expect(mail.text).not.toMatch(EVERY)
    expect(mail.text).not.toMatch(/our primary systems/)
    expect(mail.text).toContain('Candor’s own records: erased')
    expect(mail.text).toMatch(/by .+ at the latest \(computed from Candor’s backup catalogue and its backup retention\)/)

    const { rows } = await ownerPool().query<{ payload: { data: unknown } }>(
      `SELECT payload FROM webhook_delivery WHERE request_id = $1 AND event_type = 'request.completed'`,
      [request.id],
    )
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows[0]!.payload)).not.toMatch(EVERY)
    expect(rows[0]!.payload.data).toMatchObject({ erasure: { complete: true, covers: 'candor_only' } })
  })
})

describe('an erasure with a manual data system', () => {
  it('says Candor’s own records are erased and Billing pending, until Billing is done; then names both', async () => {
    const w = await makeOwnedWorkspace()
    await addManualSystem(w.member, { name: 'Billing', instructions: 'Delete the customer in the billing tool.' }, {})
    const request = await erasureRequest(w)
    await runBuiltIn(w, request)

    const page = await statusPageOf(w, request)
    expect(JSON.stringify(page)).not.toMatch(EVERY)
    expect(page.request.erasure!.lines).toEqual([expect.stringMatching(/^Candor’s own records: erased /), 'Billing (manual): pending'])
    expect(page.request.erasure!.summary).toBe('Erased so far from Candor’s own records; still pending: Billing (manual).')

    const staff = await staffPageOf(w, request.reference)
    expect(staff.erasure!.warning).toBeNull()
    expect(staff.erasure!.lines).toEqual([expect.stringMatching(/^Candor’s own records: erased /), 'Billing (manual): pending'])

    const pending = await apiResourceOf(w, request.id)
    expect(pending.erasedPrimaryAt).toBeNull()
    expect(pending.erasure).toMatchObject({
      complete: false,
      covers: 'registered_systems',
      systems: [
        { label: 'Candor’s own records', state: 'erased' },
        { system: 'Billing', label: 'Billing (manual)', kind: 'manual', state: 'pending', erasedAt: null, backupsExpectedBy: null, backupsBasis: 'declared' },
      ],
    })

    const billing = request.tasks.find((t) => t.kind === 'manual')!
    await completeManualTask(w.member, billing.id, 'Customer deleted in the billing tool.', {})
    const done = await statusPageOf(w, request)
    expect(done.request.erasure!.summary).toMatch(
      /^Erased from every primary system registered for this request \(Candor’s own records and Billing \(manual\)\); the last on /,
    )
    expect(done.events.map((e) => e.body).join('\n')).toMatch(/Erased from every primary system registered for this request \(Candor’s own records and Billing \(manual\)\)/)
    expect((await apiResourceOf(w, request.id)).erasure).toMatchObject({ complete: true, covers: 'registered_systems' })
  })
})

describe('an erasure rejected after Candor’s own task ran', () => {
  it('tells the subject what was erased and what will not be; the remaining tasks stay undone', async () => {
    const w = await makeOwnedWorkspace()
    await addManualSystem(w.member, { name: 'Billing', instructions: 'Delete the customer in the billing tool.' }, {})
    const request = await erasureRequest(w)
    await runBuiltIn(w, request)

    const asked = new Date(Date.now() - 1000)
    await rejectRequest(w.member, request.id, { ground: 'identity_not_verified', explanation: 'The account belongs to someone else.' }, {})
    const mail = await newestMailTo(request.email, '%your privacy request%', asked)
    expect(mail.text).toContain('The request was rejected. Erased so far from Candor’s own records; Billing (manual) will not be erased.')
    expect(mail.text).not.toMatch(EVERY)

    const billing = request.tasks.find((t) => t.kind === 'manual')!
    await expect(completeManualTask(w.member, billing.id, 'Deleted anyway.', {})).rejects.toThrow('This request was rejected: its tasks are closed.')
    expect((await statusPageOf(w, request)).request.erasure!.lines).toEqual([
      expect.stringMatching(/^Candor’s own records: erased /),
      'Billing (manual): not erased (the request was rejected)',
    ])
  })

  it('a queued automatic task that runs after the refusal erases nothing', async () => {
    const w = await makeOwnedWorkspace()
    const request = await erasureRequest(w)
    await rejectRequest(w.member, request.id, { ground: 'excessive', explanation: 'The same request was answered last week.' }, {})
    await runBuiltIn(w, request)
    const { rows } = await ownerPool().query<{ state: string }>('SELECT state FROM request_task WHERE request_id = $1', [request.id])
    expect(rows).toEqual([{ state: 'pending' }])
    expect((await statusPageOf(w, request)).request.erasure!.summary).toBe(
      'The request was rejected. Not erased from any data system yet; Candor’s own records will not be erased.',
    )
  })
})

describe('the old sentence already on requesters’ timelines', () => {
  it('no longer reaches the requester once the migration ran; staff keep it', async () => {
    const w = await makeOwnedWorkspace()
    const request = await erasureRequest(w)
    await runBuiltIn(w, request)
    // An event as the previous code wrote it.
    await ownerPool().query(
      `UPDATE request_event SET body = 'Erased from every primary system on 2026-12-02. Backups taken before then still hold the data until they age out; the last of them will by 2027-03-02.'
        WHERE request_id = $1 AND kind = 'erased_primary'`,
      [request.id],
    )
    await ownerPool().query(await readFile('prisma/migrations/20261203090000_erasure_statement_events/migration.sql', 'utf8'))
    const page = await statusPageOf(w, request)
    expect(JSON.stringify(page)).not.toMatch(EVERY)
    const { rows } = await ownerPool().query(`SELECT public FROM request_event WHERE request_id = $1 AND kind = 'erased_primary'`, [request.id])
    expect(rows).toEqual([{ public: false }])
  })
})
