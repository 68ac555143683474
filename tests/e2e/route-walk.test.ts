// Cross-tenant route walk: every dashboard and API route, read from app/routes.ts, is asked by a
// member (or an API key) of workspace A for workspace B's things, and must answer 404 and show
// nothing of B; every page of A's public privacy portal, asked for B's request, shows nothing of it. A new route is covered without anyone adding it here; a route with a parameter
// this file cannot fill fails until someone says how to find workspace B's object for it.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { RouteConfigEntry } from '@react-router/dev/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import routes from '~/routes'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { requestInput } from '~/modules/dsar/portal-form'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { makeOwnedWorkspace } from '../support/factories'
import { recordedIncident } from '../support/incidents'
import { newestMailTo } from '../support/requester-mail'
import { attachmentOf } from '../support/requester-attachments'
import { subscriptionsOf } from '../support/subprocessor-subscriptions'
import { signedDpaOf } from '../support/dpa-signatures'
import { documentsOf } from '../support/trust-documents'
import { platformIncidentAffecting } from '../support/platform-incidents'
import { digestTokenOf } from '../support/digest-links'
import { unreachablePostgresSystem } from '../support/unreachable-postgres-system'
import { plainPng } from '../support/logo-files'
import type { Member } from '~/modules/auth/member.server'
import { setAccentColour, setLogo } from '~/modules/branding/branding.server'
import { sanitiseLogo } from '~/modules/branding/logo-image.server'

let candor: RunningCandor
beforeAll(async () => {
  candor = await startCandor({ NODE_ENV: 'test' })
  await startQueue({ supervise: false })
})
afterAll(async () => {
  await stopQueue({ graceMs: 0 })
  await candor?.stop()
})

function flatten(entries: RouteConfigEntry[], parent = ''): string[] {
  return entries.flatMap((entry) => {
    const path = entry.path ? (parent ? `${parent}/${entry.path}` : entry.path) : parent
    return [...(entry.index || entry.path ? [path] : []), ...flatten(entry.children ?? [], path)]
  })
}

const allPaths = [...new Set(flatten(routes))]
const dashboardPaths = allPaths.filter((p) => p === 'w/:slug' || p.startsWith('w/:slug/'))
const apiPaths = allPaths.filter((p) => p.startsWith('api/v1/') && !p.includes('*'))
const portalPaths = allPaths.filter((p) => p.startsWith('p/:slug/') && p.includes(':', 3))
const personalPaths = allPaths.filter(
  (p) =>
    /(^|\/):[a-z]/i.test(p) &&
    !p.startsWith('w/:slug') &&
    !p.startsWith('api/') &&
    !p.startsWith('p/:slug') &&
    // The public trust pages name a workspace, never a person's object: anyone may open them.
    !p.startsWith('t/:slug') &&
    // A digest's unsubscribe link: its token is the authority, not the session (walked below).
    !p.startsWith('notifications/:slug/') &&
    // The Data Rights Protocol: an agent's bearer token is the authority (walked below).
    !p.startsWith('drp/:slug/') &&
    // The documentation's pages are public and name nobody's object.
    !p.startsWith('docs/'),
)

type Fixture = Awaited<ReturnType<typeof setUp>>

/** How to find workspace B's object for a parameter other than :slug, per route. */
const OBJECT_OF: Record<string, Record<string, (b: Fixture['b']) => string>> = {
  'invitations/:id': { id: (b) => b.invitationId },
  'api/v1/requests/:requestId': { requestId: (b) => b.request.id },
  'api/v1/requests/:requestId/export': { requestId: (b) => b.request.id },
  'api/v1/data-systems/:dataSystemId': { dataSystemId: (b) => b.dataSystemId },
  'w/:slug/requests/:reference': { reference: (b) => b.request.reference },
  'w/:slug/requests/:reference/attachments/:attachmentId': { reference: (b) => b.request.reference, attachmentId: (b) => b.request.attachmentId },
  'w/:slug/security/:reportId': { reportId: (b) => b.report.id },
  'w/:slug/documents/:documentId': { documentId: (b) => b.documents.gatedId },
  // The trust editor's sections are the same for every workspace: B's is reached through B's slug.
  'w/:slug/trust/:section': { section: () => 'faq' },
  't/:slug/documents/:documentId/request': { documentId: (b) => b.documents.gatedId },
  't/:slug/documents/:documentId/download': { documentId: (b) => b.documents.publicId },
  't/:slug/documents/access/:token': { token: (b) => b.documents.accessToken },
  't/:slug/documents/access/:token/download': { token: (b) => b.documents.accessToken },
  'p/:slug/confirm/:token': { token: (b) => b.request.confirmToken },
  't/:slug/subprocessors/confirm/:token': { token: (b) => b.subscription.confirmToken },
  't/:slug/subprocessors/unsubscribe/:token': { token: (b) => b.subscription.unsubscribeToken },
  't/:slug/subprocessors/object/:token': { token: (b) => b.subscription.objectionToken },
  'p/:slug/requests/:reference': { reference: (b) => b.request.reference },
  'p/:slug/requests/:reference/verify': { reference: (b) => b.request.reference },
  'p/:slug/requests/:reference/export': { reference: (b) => b.request.reference },
  'w/:slug/dpa/:signatureId/pdf': { signatureId: (b) => b.dpa.id },
  'w/:slug/incidents/:incidentId': { incidentId: (b) => b.incident.id },
  'w/:slug/data-systems/:systemId': { systemId: (b) => b.dataSystemId },
  't/:slug/dpa/signed/:token': { token: (b) => b.dpa.token },
  't/:slug/dpa/signed/:token/pdf': { token: (b) => b.dpa.token },
  'ops/incidents/:incidentId': { incidentId: (b) => b.platformIncidentId },
  'notifications/:slug/unsubscribe/:token': { token: (b) => b.digestToken },
  'api/v1/data-system-tasks/:taskId/result': { taskId: (b) => b.request.taskId },
  'api/v1/data-system-tasks/:taskId/collections/:name': { taskId: (b) => b.request.taskId, name: () => 'orders' },
  'drp/:slug/v1/agent/:agentId': { agentId: (b) => b.drp.agentId },
  'drp/:slug/v1/data-rights-request/:requestId': { requestId: (b) => b.drp.requestId },
  't/:slug/logo/:file': { file: (b) => b.brand.logoFile },
  't/:slug/accent/:file': { file: (b) => b.brand.accentFile },
}

async function setUp() {
  const a = await makeOwnedWorkspace()
  const b = await makeOwnedWorkspace()
  const invitationId = randomUUID()
  await withTenant({ workspaceId: b.workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) =>
    tx.invitation.create({
      data: {
        id: invitationId,
        workspaceId: b.workspace.id,
        email: 'someone@example.com',
        role: 'viewer',
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    }),
  )
  const request = await confirmedRequestOf(b.workspace.slug)
  // A's own request, so that A's owner opening their own request page shows the page works.
  const ownRequest = await confirmedRequestOf(a.workspace.slug)
  const { token } = await withPlatform((tx) => startSession(tx, a.owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  const apiKey = await createApiKey(
    { workspaceId: a.workspace.id, actor: { type: 'system', reason: 'test' } },
    a.owner.id,
    { name: 'walk', scopes: ['workspace:read', 'audit:read', 'requests:read', 'requests:write', 'requests:export', 'data-systems:read', 'data-systems:write'] },
    {},
  )
  // A vulnerability report in each workspace (A's own, for the same reason).
  const report = await vulnerabilityReportOf(b.workspace.slug)
  const ownReport = await vulnerabilityReportOf(a.workspace.slug)
  // A signed DPA in each workspace (A's own, for the same reason).
  const dpa = await signedDpaOf(b.workspace)
  const ownDpa = await signedDpaOf(a.workspace)
  // Documents in each workspace (A's own, for the same reason).
  const documents = await documentsOf(b.workspace, 'Beatriz Secret')
  const ownDocuments = await documentsOf(a.workspace, 'Own')
  // An incident in each workspace (A's own, for the same reason).
  const incident = await recordedIncident(b.member, { title: 'Beatriz Secret breach' })
  const ownIncident = await recordedIncident(a.member)
  return {
    a: { ...a, request: ownRequest, report: ownReport, dpa: ownDpa, documents: ownDocuments, incident: ownIncident, dataSystemId: await unreachablePostgresSystem(a.workspace.id) },
    b: {
      ...b,
      invitationId,
      request,
      report,
      dpa,
      subscription: await subscriptionsOf(b.workspace.id),
      documents,
      incident,
      dataSystemId: await unreachablePostgresSystem(b.workspace.id),
      platformIncidentId: await platformIncidentAffecting(b.workspace, b.owner.id),
      digestToken: await digestTokenOf(b.workspace.id, b.owner.id),
      drp: await drpRequestOf(b.workspace.id, request.id),
      brand: await brandOf(b.member),
    },
    cookie,
    apiKey: apiKey.token,
    drpToken: (await drpAgentOf(a.workspace.id)).token,
  }
}

/** A request of workspace B, confirmed, and the link token of a second, unconfirmed one. */
async function confirmedRequestOf(slug: string) {
  const filed = async (email: string) => {
    const input = { ...requestInput.parse({ type: 'access', subjectName: 'Beatriz Secret', email, relationship: 'customer', jurisdiction: 'gdpr' }) }
    const result = await fileRequest(slug, input, { ip: randomUUID(), portalOrigin: 'https://portal.example' })
    if (result.outcome !== 'filed') throw new Error('not filed')
    return { reference: result.reference, mail: await newestMailTo(email, 'Confirm your privacy request%') }
  }
  const confirmed = await filed(`beatriz-${randomUUID()}@example.com`)
  await confirmRequest(slug, { reference: confirmed.reference, proof: { code: confirmed.mail.code! } }, {})
  const pending = await filed(`beatriz-${randomUUID()}@example.com`)
  const { rows } = await ownerPool().query('SELECT id, workspace_id FROM privacy_request WHERE reference = $1', [confirmed.reference])
  const attachmentId = await attachmentOf(rows[0].workspace_id, rows[0].id)
  const { rows: tasks } = await ownerPool().query('SELECT id FROM request_task WHERE request_id = $1 LIMIT 1', [rows[0].id])
  return { id: rows[0].id as string, reference: confirmed.reference, confirmToken: pending.mail.link!.split('/confirm/')[1]!, attachmentId, taskId: tasks[0].id as string }
}

/** A paired DRP agent of the workspace (the same agent id in every workspace) and its bearer token. */
async function drpAgentOf(workspaceId: string) {
  const token = randomBytes(32).toString('base64url')
  const { rows } = await ownerPool().query(
    `INSERT INTO drp_agent (id, workspace_id, agent_id, name, verify_key, token_hash, token_issued_at)
     VALUES (gen_random_uuid(), $1, 'WALK_AGENT', 'Walk agent', $2, $3, now()) RETURNING id`,
    [workspaceId, randomBytes(32).toString('base64'), createHash('sha256').update(token).digest('hex')],
  )
  return { id: rows[0].id as string, agentId: 'WALK_AGENT', token }
}

/** A Data Rights Request of the workspace, from its agent, for the privacy request given. */
async function drpRequestOf(workspaceId: string, privacyRequestId: string) {
  const agent = await drpAgentOf(workspaceId)
  const { rows } = await ownerPool().query(
    `INSERT INTO drp_request (id, workspace_id, agent_id, privacy_request_id, message_sha256, exercise)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, 'access') RETURNING id`,
    [workspaceId, agent.id, privacyRequestId, randomBytes(32).toString('hex')],
  )
  return { agentId: agent.agentId, requestId: rows[0].id as string }
}

/** A logo and an accent colour of the workspace, and the file names they are served under. */
async function brandOf(member: Member) {
  const verdict = await sanitiseLogo(await plainPng(200, 80))
  if (!verdict.ok) throw new Error(verdict.message)
  await setLogo(member, verdict.logo, {})
  await setAccentColour(member, '#5b2a86', {})
  return { logoFile: `${verdict.logo.sha256.slice(0, 16)}.png`, accentFile: '5b2a86.css' }
}

/** A vulnerability report filed on the workspace's public form. */
async function vulnerabilityReportOf(slug: string) {
  const input = reportInput.parse({
    reporterEmail: `beatriz-${randomUUID()}@example.com`,
    affectedSurface: 'Beatriz Secret endpoint',
    reproductionSteps: 'GET /secret',
    severity: 'high',
    preferredTimeline: 'policy',
  })
  const result = await submitReport(slug, input, { ip: randomUUID(), appOrigin: 'https://candor.example' })
  if (result.outcome !== 'filed') throw new Error('not filed')
  const { rows } = await ownerPool().query('SELECT id FROM vulnerability_report WHERE reference = $1', [result.reference])
  return { id: rows[0].id as string }
}

function fill(path: string, values: Record<string, string>): string {
  return `/${path.replace(/:([A-Za-z]+)\??/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`route ${path}: add to OBJECT_OF how to find workspace B's "${name}"`)
    return encodeURIComponent(value)
  })}`
}

function objectParams(path: string, b: Fixture['b']): Record<string, string> {
  const providers = OBJECT_OF[path] ?? {}
  return Object.fromEntries(Object.entries(providers).map(([name, find]) => [name, find(b)]))
}

async function send(url: string, init: RequestInit & { cookie?: string }) {
  const response = await fetch(`${candor.url}${url}`, {
    ...init,
    redirect: 'manual',
    headers: { origin: candor.url, ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
  })
  return { status: response.status, body: await response.text() }
}

/** Whether the route answers POST with 405 in A's own workspace too (it has no action). */
async function hasNoAction(path: string): Promise<boolean> {
  const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.a as unknown as Fixture['b']) })
  const { status } = await send(url, {
    method: 'POST',
    cookie: fx.cookie,
    body: new URLSearchParams({ intent: 'none' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  return status === 405
}

let fx: Fixture

describe('the cross-tenant route walk', () => {
  beforeAll(async () => {
    fx = await setUp()
  })

  it('finds the routes to walk', () => {
    expect(dashboardPaths).toContain('w/:slug')
    expect(dashboardPaths.length).toBeGreaterThanOrEqual(4)
    expect(apiPaths.length).toBeGreaterThanOrEqual(1)
  })

  it('opens every dashboard page of their own workspace to the owner (so the 404s below mean something)', async () => {
    for (const path of dashboardPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.a as unknown as Fixture['b']) })
      const { status } = await send(url, { cookie: fx.cookie })
      expect([200, 302], `${url} as A's owner`).toContain(status)
    }
  })

  it.each(['GET', 'POST'])("answers 404 on every dashboard route when a member of A names B (%s)", async (method) => {
    for (const path of dashboardPaths) {
      const url = fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) })
      const { status, body } = await send(url, {
        method,
        cookie: fx.cookie,
        ...(method === 'POST'
          ? { body: new URLSearchParams({ intent: 'remove' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
          : {}),
      })
      // A route without an action answers POST with 405 whatever the slug: that tells nothing.
      const noAction = method === 'POST' && status === 405 && (await hasNoAction(path))
      expect(noAction ? 404 : status, `${method} ${url}`).toBe(404)
      expect(body, `${method} ${url} shows B's name`).not.toContain(fx.b.workspace.name)
    }
  })

  it("answers 404 on every personal route that names one of B's objects", async () => {
    for (const path of personalPaths) {
      const url = fill(path, objectParams(path, fx.b))
      const { status, body } = await send(url, { cookie: fx.cookie })
      expect(status, url).toBe(404)
      expect(body).not.toContain(fx.b.workspace.name)
    }
  })

  it("shows nothing of B's request on any page of A's privacy portal", async () => {
    expect(portalPaths.length).toBeGreaterThanOrEqual(3)
    for (const path of portalPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      for (const method of ['GET', 'POST']) {
        const { status, body } = await send(url, {
          method,
          ...(method === 'POST'
            ? { body: new URLSearchParams({ intent: 'code', code: '123456' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
            : {}),
        })
        expect(status, `${method} ${url}`).toBeLessThan(500)
        expect(body, `${method} ${url}`).not.toContain('Beatriz Secret')
        expect(body, `${method} ${url}`).not.toContain(fx.b.workspace.name)
        expect(body, `${method} ${url}`).not.toContain('Answer due by')
        expect(body, `${method} ${url}`).not.toContain('is confirmed')
      }
    }
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1 AND state = $2', [fx.b.workspace.id, 'unverified'])
    expect(rows[0].n, "B's pending request stays unconfirmed").toBe(1)
  })

  it("shows nothing of B's sub-processor subscriptions on A's trust pages, and changes none of them", async () => {
    const tokenPaths = allPaths.filter((p) => p.startsWith('t/:slug/subprocessors/') && p.includes(':token'))
    expect(tokenPaths).toHaveLength(3)
    for (const path of tokenPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      for (const method of ['GET', 'POST']) {
        const { status, body } = await send(url, {
          method,
          ...(method === 'POST'
            ? { body: new URLSearchParams({ reason: 'Beatriz objects' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
            : {}),
        })
        expect(status, `${method} ${url}`).toBeLessThan(500)
        expect(body, `${method} ${url}`).not.toContain(fx.b.workspace.name)
        expect(body, `${method} ${url}`).not.toContain('Beatriz Secret')
        expect(body, `${method} ${url}`).not.toContain('You are subscribed')
        expect(body, `${method} ${url}`).not.toContain('You are unsubscribed')
      }
    }
    const { rows } = await ownerPool().query(
      `SELECT email, confirmed_at IS NOT NULL AS confirmed, unsubscribed_at IS NOT NULL AS unsubscribed,
              (SELECT count(*)::int FROM subprocessor_objection o WHERE o.subscriber_id = s.id) AS objections
         FROM subprocessor_subscriber s WHERE workspace_id = $1 ORDER BY email`,
      [fx.b.workspace.id],
    )
    expect(rows).toEqual([
      { email: fx.b.subscription.confirmedEmail, confirmed: true, unsubscribed: false, objections: 0 },
      { email: fx.b.subscription.pendingEmail, confirmed: false, unsubscribed: false, objections: 0 },
    ])
  })

  it("answers A's DRP agent nothing about B at B's DRP address, and revokes nothing of B's", async () => {
    const drpPaths = allPaths.filter((p) => p.startsWith('drp/:slug/'))
    expect(drpPaths).toHaveLength(3)
    for (const path of drpPaths) {
      const url = fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) })
      for (const method of ['GET', 'POST', 'DELETE']) {
        const { status, body } = await send(url, { method, headers: { authorization: `Bearer ${fx.drpToken}`, 'content-type': 'text/plain' }, ...(method === 'GET' ? {} : { body: 'AAAA' }) })
        expect([403, 404, 405], `${method} ${url}`).toContain(status)
        expect(body, `${method} ${url}`).not.toContain(fx.b.workspace.name)
        expect(body, `${method} ${url}`).not.toContain('Beatriz Secret')
        expect(body, `${method} ${url}`).not.toMatch(/"token"\s*:/)
      }
    }
    const { rows } = await ownerPool().query('SELECT revoked_at FROM drp_request WHERE workspace_id = $1', [fx.b.workspace.id])
    expect(rows).toEqual([{ revoked_at: null }])
  })

  it("turns off no weekly digest of B's through A's unsubscribe address, and names nothing of B", async () => {
    const digestPaths = allPaths.filter((p) => p.startsWith('notifications/:slug/'))
    expect(digestPaths).toHaveLength(1)
    for (const path of digestPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      for (const method of ['GET', 'POST']) {
        const { status, body } = await send(url, { method, cookie: fx.cookie })
        expect(status, `${method} ${url}`).toBe(404)
        expect(body, `${method} ${url}`).not.toContain(fx.b.workspace.name)
      }
      // The same link at B's address opens B's page, so the 404 above means something.
      const own = await send(fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) }), {})
      expect(own.status, url).toBe(200)
      expect(own.body).toContain(fx.b.workspace.name)
    }
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM notification_preference WHERE workspace_id = $1', [fx.b.workspace.id])
    expect(rows[0].n).toBe(0)
  })

  it("serves B's logo and accent stylesheet at no address of A's", async () => {
    const brandPaths = allPaths.filter((p) => p.startsWith('t/:slug/logo/') || p.startsWith('t/:slug/accent/'))
    expect(brandPaths).toHaveLength(2)
    for (const path of brandPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      const { status } = await send(url, {})
      expect(status, url).toBe(404)
      // The same name at B's address is served, so the 404 above means something.
      const own = await send(fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) }), {})
      expect(own.status, url).toBe(200)
    }
  })

  it("opens B's signed DPA by its link on no page of A's", async () => {
    const dpaPaths = allPaths.filter((p) => p.startsWith('t/:slug/dpa/') && p.includes(':token'))
    expect(dpaPaths).toHaveLength(2)
    for (const path of dpaPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      const { status, body } = await send(url, {})
      expect(status, url).toBe(404)
      expect(body, url).not.toContain('Beatriz Secret')
      expect(body, url).not.toContain(fx.b.workspace.name)
      // The same link in B's own workspace opens it, so the 404 above means something.
      const own = await send(fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) }), {})
      expect(own.status, url).toBe(200)
    }
  })

  it("shows nothing of B's documents or access links on A's trust pages, and downloads none of them", async () => {
    const documentPaths = allPaths.filter((p) => p.startsWith('t/:slug/documents/'))
    expect(documentPaths).toHaveLength(4)
    const downloads = async () =>
      (await ownerPool().query("SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'trust_document.download'", [fx.b.workspace.id])).rows[0].n
    const before = await downloads()
    for (const path of documentPaths) {
      const url = fill(path, { slug: fx.a.workspace.slug, ...objectParams(path, fx.b) })
      for (const method of ['GET', 'POST']) {
        const { status, body } = await send(url, {
          method,
          ...(method === 'POST'
            ? {
                body: new URLSearchParams({ name: 'Eve', email: 'eve@customer.example', company: 'Eve Inc', ndaVersionId: randomUUID(), accept: 'yes' }),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
              }
            : {}),
        })
        expect(status, `${method} ${url}`).toBeGreaterThanOrEqual(400)
        expect(status, `${method} ${url}`).toBeLessThan(500)
        for (const secret of ['Beatriz Secret', fx.b.workspace.name, '%PDF']) expect(body, `${method} ${url}`).not.toContain(secret)
      }
    }
    expect(await downloads()).toBe(before)
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM trust_document_request WHERE workspace_id = $1', [fx.b.workspace.id])
    expect(rows[0].n, 'no request reached B').toBe(1)
  })

  it("shows no workspace's draft on a public trust page, and nothing of B on A's", async () => {
    const system = { type: 'system', reason: 'test' } as const
    const actingFor = (made: Fixture['a']) => ({ tenant: { workspaceId: made.workspace.id, actor: system }, userId: null, workspaceName: made.workspace.name })
    await saveDraftSection(actingFor(fx.b), 'overview', { headline: 'Beatriz Secret roadmap', summary: '' }, {})
    const unpublished = await send(`/t/${fx.b.workspace.slug}`, {})
    expect(unpublished.status).toBe(404)
    expect(unpublished.body).not.toContain('Beatriz Secret roadmap')
    await withTenant({ workspaceId: fx.b.workspace.id, actor: system }, (tx) =>
      tx.subprocessor.create({ data: { workspaceId: fx.b.workspace.id, name: 'Beatriz Secret vendor', purpose: 'Hosting' } }),
    )
    await publishDraft(actingFor(fx.a), {})
    const own = await send(`/t/${fx.a.workspace.slug}`, {})
    expect(own.status).toBe(200)
    for (const secret of ['Beatriz Secret', fx.b.workspace.name, fx.b.workspace.slug]) expect(own.body).not.toContain(secret)
  })

  it("never shows A's API key anything of B", async () => {
    for (const path of apiPaths) {
      const url = fill(path, { slug: fx.b.workspace.slug, ...objectParams(path, fx.b) })
      const { status, body } = await send(url, { headers: { authorization: `Bearer ${fx.apiKey}` } })
      if (path.includes(':')) expect(status, url).toBe(404)
      expect(body, url).not.toContain(fx.b.workspace.id)
      expect(body, url).not.toContain(fx.b.workspace.name)
    }
  })
})
