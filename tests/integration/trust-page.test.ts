// The trust page behind the dashboard and in front of visitors: drafts published as numbered
// versions (audited, compared), live checks computed from the workspace's own records, and the
// page cache that a stamp in the database invalidates on every instance.
import { randomUUID } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { advanceCheckpoint } from '~/modules/audit/chain-status.server'
import { compareContent } from '~/modules/trust/compare'
import {
  CACHE_CONTROL,
  clearTrustPageCache,
  trustPageCompressions,
  trustPageRenders,
  trustPageResponse,
} from '~/modules/trust/public-page.server'
import { TrustPageError, loadEditor, loadVersions, publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { seedDemoTrustPages } from '~/modules/trust/demo-trust-pages.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { appendBulkEntries, tamperAuditEntries } from '../support/audit-chain'
import { addMember, makeWorkspace } from '../support/factories'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const DAY = 24 * 60 * 60 * 1000

async function workspaceWithEditor() {
  const made = await makeWorkspace()
  const tenant = { workspaceId: made.workspace.id, actor: { type: 'user', userId: made.owner.id } as const }
  return { ...made, acting: { tenant, userId: made.owner.id, workspaceName: made.workspace.name } }
}

async function auditOf(workspaceId: string, action: string) {
  const { rows } = await ownerPool().query('SELECT before, after FROM audit_entry WHERE workspace_id = $1 AND action = $2 ORDER BY seq', [workspaceId, action])
  return rows
}

const get = (slug: string, headers: Record<string, string> = {}) => trustPageResponse(new Request(`http://candor.test/t/${slug}`, { headers }), slug)

describe('publishing a trust page', () => {
  it('keeps each publish as a numbered version with its SHA-256, audited with the version before and after', async () => {
    const { workspace, acting } = await workspaceWithEditor()
    await saveDraftSection(acting, 'overview', { headline: 'Security at Example', summary: 'We **care**.' }, {})
    await saveDraftSection(acting, 'highlights', [{ title: 'Encrypted at rest', body: 'AES-256', check: '' }], {})
    const first = await publishDraft(acting, {})
    expect(first.number).toBe(1)
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/)

    await expect(publishDraft(acting, {})).rejects.toThrow(TrustPageError)

    await saveDraftSection(acting, 'highlights', [{ title: 'Encrypted at rest', body: 'AES-256-GCM', check: '' }, { title: 'SSO', body: '', check: 'two_factor' }], {})
    const second = await publishDraft(acting, {})
    expect(second.number).toBe(2)
    expect(second.sha256).not.toBe(first.sha256)

    const publishes = await auditOf(workspace.id, 'trust.publish')
    expect(publishes).toEqual([
      { before: { version: null, sha256: null }, after: { version: 1, sha256: first.sha256 } },
      { before: { version: 1, sha256: first.sha256 }, after: { version: 2, sha256: second.sha256 } },
    ])
    expect((await auditOf(workspace.id, 'trust.draft_update')).length).toBe(3)

    const editor = await loadEditor(acting)
    expect(editor.versions.map((v) => v.number)).toEqual([2, 1])
    expect(editor.unpublished).toBe(false)

    // Versions are history: the application role may not change or delete them.
    await expect(
      withTenant(acting.tenant, (tx) => tx.trustPageVersion.updateMany({ data: { contentSha256: 'f'.repeat(64) } })),
    ).rejects.toThrow(/permission denied/)
  })

  it('compares two versions section by section, in words', async () => {
    const { acting } = await workspaceWithEditor()
    await saveDraftSection(acting, 'overview', { headline: 'Security at Example', summary: 'Old summary' }, {})
    await saveDraftSection(acting, 'faq', [{ question: 'Where is data stored?', answer: 'In the US.' }, { question: 'SOC 2?', answer: 'Planned.' }], {})
    await publishDraft(acting, {})
    await saveDraftSection(acting, 'overview', { headline: 'Security at Example', summary: 'New summary' }, {})
    await saveDraftSection(acting, 'faq', [{ question: 'Where is data stored?', answer: 'In the EU.' }, { question: 'Do you sign DPAs?', answer: 'Yes.' }], {})
    await saveDraftSection(acting, 'lastReviewed', '2026-11-01', {})
    await publishDraft(acting, {})

    const [v1, v2] = await loadVersions(acting, [1, 2])
    const changes = compareContent(v1!.content, v2!.content)
    expect(changes.map((c) => c.label)).toEqual(['Overview', 'FAQ', 'Last reviewed'])
    expect(changes[0]!.changes).toEqual([{ kind: 'changed', what: 'Summary', before: 'Old summary', after: 'New summary' }])
    expect(changes[1]!.changes).toEqual([
      { kind: 'changed', what: 'Question “Where is data stored?”: Answer', before: 'In the US.', after: 'In the EU.' },
      { kind: 'removed', what: 'Question “SOC 2?”', before: 'Question: SOC 2?\nAnswer: Planned.' },
      { kind: 'added', what: 'Question “Do you sign DPAs?”', after: 'Question: Do you sign DPAs?\nAnswer: Yes.' },
    ])
    expect(changes[2]!.changes).toEqual([{ kind: 'changed', what: 'Last reviewed', before: '(empty)', after: '2026-11-01' }])
    expect((await loadVersions(acting, [3]))[0]).toBeNull()
  })
})

describe('live checks', () => {
  it('passes "2FA required" only when the setting is on and every member has enrolled', async () => {
    const { workspace } = await workspaceWithEditor()
    const agent = await addMember(workspace.id, 'agent')
    let outcome = await runTrustChecks(workspace.id)
    expect(outcome.two_factor).toMatchObject({ passed: false, summary: 'Two-factor authentication is not required for members of this workspace.' })

    await ownerPool().query('UPDATE workspace SET require_two_factor = true WHERE id = $1', [workspace.id])
    const { rows: members } = await ownerPool().query('SELECT user_id FROM membership WHERE workspace_id = $1', [workspace.id])
    const enrol = (userId: string) =>
      ownerPool().query('INSERT INTO user_totp (user_id, secret, confirmed_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING', [userId, 'v1.sealed'])
    for (const { user_id } of members) if (user_id !== agent.userId) await enrol(user_id)
    outcome = await runTrustChecks(workspace.id)
    expect(outcome.two_factor).toMatchObject({ passed: false, summary: 'Required, but 1 member of 2 has not set it up.' })

    await enrol(agent.userId)
    outcome = await runTrustChecks(workspace.id)
    expect(outcome.two_factor).toMatchObject({ passed: true, summary: 'Required; all 2 members use two-factor authentication.' })
  })

  it('counts requests of the last 12 months closed by their deadline, and fails on a late or overdue one', async () => {
    const { workspace } = await workspaceWithEditor()
    const now = new Date()
    const request = async (received: number, due: number, closed: number | null, state = closed === null ? 'in_progress' : 'completed') =>
      ownerPool().query(
        `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship, portal_origin, received_at, due_at, completed_at)
         VALUES ($1, $2, $3, 'access', 'gdpr', $4, 'Ana', 'ana@example.com', 'customer', 'https://portal.example', $5, $6, $7)`,
        [
          randomUUID(),
          workspace.id,
          `R-${randomUUID().slice(0, 8)}`,
          state,
          new Date(now.getTime() - received * DAY),
          new Date(now.getTime() - due * DAY),
          closed === null ? null : new Date(now.getTime() - closed * DAY),
        ],
      )
    expect((await runTrustChecks(workspace.id, now)).requests_on_time).toMatchObject({ passed: true, summary: 'No privacy request has come due in the last 12 months.' })

    await request(100, 70, 80) // closed 10 days early
    await request(60, 30, 31) // closed a day early
    await request(10, -20, null) // open, due in 20 days: not counted yet
    await request(400, 370, 390) // received over a year ago: not counted
    expect((await runTrustChecks(workspace.id, now)).requests_on_time).toMatchObject({
      passed: true,
      summary: '2 of 2 requests (100%) answered by the deadline in the last 12 months.',
    })

    await request(50, 20, null) // open and 20 days overdue
    expect((await runTrustChecks(workspace.id, now)).requests_on_time).toMatchObject({
      passed: false,
      summary: '2 of 3 requests (66.6%) answered by the deadline in the last 12 months.',
    })
  })

  it('verifies the audit chain from its checkpoint, and fails once an entry was edited behind the application’s back', async () => {
    const { workspace } = await workspaceWithEditor()
    const { rows: heads } = await ownerPool().query('SELECT seq FROM audit_chain_head WHERE chain = $1', [workspace.id])
    // Before the hourly job has walked the chain, the check says so rather than claim more.
    expect((await runTrustChecks(workspace.id)).audit_chain).toMatchObject({
      passed: true,
      summary: `The hash chain is intact through entry ${heads[0].seq}; the whole chain has not been verified yet.`,
    })
    await advanceCheckpoint(workspace.id)
    const today = new Date().toISOString().slice(0, 10)
    expect((await runTrustChecks(workspace.id)).audit_chain).toMatchObject({
      passed: true,
      summary: `The hash chain is intact through entry ${heads[0].seq}; the whole chain was last verified on ${today} (UTC), and newer entries are verified from there.`,
    })
    // The newest entry is the checkpoint the next run starts from: a change to it is found at once.
    await tamperAuditEntries(`UPDATE audit_entry SET action = 'workspace.tampered' WHERE workspace_id = $1 AND seq = $2`, [workspace.id, heads[0].seq])
    const outcome = await runTrustChecks(workspace.id)
    expect(outcome.audit_chain).toMatchObject({ passed: false, summary: `The hash chain is broken at entry ${heads[0].seq}.` })
    const { rows } = await ownerPool().query(`SELECT passed, passed_at FROM trust_check_result WHERE workspace_id = $1 AND "check" = 'audit_chain'`, [workspace.id])
    // The last time it passed is kept beside the failure.
    expect(rows[0]).toMatchObject({ passed: false })
    expect(rows[0].passed_at).toBeInstanceOf(Date)
  })

  it('finds a change to an old entry once the hourly job walks the whole chain, a week after the last walk', async () => {
    const { workspace } = await workspaceWithEditor()
    await appendBulkEntries(workspace.id, 5)
    await advanceCheckpoint(workspace.id)
    expect((await runTrustChecks(workspace.id)).audit_chain).toMatchObject({ passed: true })
    await tamperAuditEntries(`UPDATE audit_entry SET action = 'workspace.tampered' WHERE workspace_id = $1 AND seq = 1`, [workspace.id])
    // The entry is behind the checkpoint: only a full walk can see it, and the check starts none.
    expect((await runTrustChecks(workspace.id)).audit_chain).toMatchObject({ passed: true })
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM audit_verification WHERE workspace_id = $1', [workspace.id])
    expect(rows[0].n).toBe(1)
    await advanceCheckpoint(workspace.id, new Date(Date.now() + 8 * DAY))
    expect((await runTrustChecks(workspace.id)).audit_chain).toMatchObject({ passed: false, summary: 'The hash chain is broken at entry 1.' })
  })
})

describe('the public page and its cache', () => {
  it('is a 404 until the first publish, then the latest version, with an ETag and shared-cache headers', async () => {
    const { workspace, acting } = await workspaceWithEditor()
    const before = await get(workspace.slug)
    expect(before.status).toBe(404)
    expect(before.headers.get('cache-control')).toBe('no-store')
    expect(await before.text()).toContain('has not published a trust page yet')

    await saveDraftSection(acting, 'overview', { headline: 'Hello visitors', summary: '<script>alert(1)</script> [x](javascript:alert(1))' }, {})
    await publishDraft(acting, {})
    const page = await get(workspace.slug)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe(CACHE_CONTROL)
    expect(page.headers.get('set-cookie')).toBeNull()
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const etag = page.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const html = await page.text()
    expect(html).toContain('Hello visitors')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain(`href="/p/${workspace.slug}"`)
    expect(html).toContain(`href="/t/${workspace.slug}/security"`)

    const again = await get(workspace.slug, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    expect((await get(workspace.slug, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304)
    expect((await get(workspace.slug, { 'if-none-match': '"other"' })).status).toBe(200)
  })

  it('renders once per stamp, and again as soon as the stamp moves (a publish elsewhere, a sub-processor change)', async () => {
    const { workspace, acting } = await workspaceWithEditor()
    await saveDraftSection(acting, 'overview', { headline: 'Version one', summary: '' }, {})
    await publishDraft(acting, {})
    clearTrustPageCache()
    const rendersBefore = trustPageRenders()
    const first = await get(workspace.slug)
    await Promise.all(Array.from({ length: 20 }, () => get(workspace.slug)))
    expect(trustPageRenders() - rendersBefore).toBe(1)

    // Another instance publishes: this one only sees the stamp move in the database.
    await ownerPool().query(
      `INSERT INTO trust_page_version (id, workspace_id, number, content, content_sha256)
       SELECT gen_random_uuid(), workspace_id, 2, jsonb_set(content, '{overview,headline}', '"Version two"'), repeat('a', 64)
         FROM trust_page_version WHERE workspace_id = $1 AND number = 1`,
      [workspace.id],
    )
    expect(await (await get(workspace.slug)).text()).toContain('Version one')
    await ownerPool().query('UPDATE workspace SET trust_stamp = trust_stamp + 1 WHERE id = $1', [workspace.id])
    const second = await get(workspace.slug)
    expect(await second.text()).toContain('Version two')
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'))
    expect((await get(workspace.slug, { 'if-none-match': first.headers.get('etag')! })).status).toBe(200)

    // The sub-processor list is live: a change to it moves the stamp (trigger).
    await withTenant(acting.tenant, (tx) => tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'Fly.io', purpose: 'Hosting', region: 'EU' } }))
    expect(await (await get(workspace.slug)).text()).toContain('Fly.io')
    await withTenant(acting.tenant, (tx) => tx.subprocessor.deleteMany({ where: { name: 'Fly.io' } }))
    expect(await (await get(workspace.slug)).text()).not.toContain('Fly.io')
  })

  it('is compressed once per version in brotli and gzip, sent per Accept-Encoding with an ETag per coding', async () => {
    const { workspace, acting } = await workspaceWithEditor()
    await saveDraftSection(acting, 'overview', { headline: 'Compressed once', summary: 'Every visitor gets the same bytes.' }, {})
    await publishDraft(acting, {})
    clearTrustPageCache()
    const compressionsBefore = trustPageCompressions()
    const identity = await get(workspace.slug)
    const html = Buffer.from(await identity.arrayBuffer())
    expect(identity.headers.get('content-encoding')).toBeNull()
    expect(identity.headers.get('vary')).toBe('Accept-Encoding')
    expect(identity.headers.get('content-length')).toBe(String(html.length))

    const tags = new Set([identity.headers.get('etag')])
    for (const [accept, coding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['br;q=0, gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await get(workspace.slug, { 'accept-encoding': accept })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding')).toBe(coding)
      expect(response.headers.get('vary')).toBe('Accept-Encoding')
      expect(response.headers.get('cache-control')).toBe(CACHE_CONTROL)
      const body = Buffer.from(await response.arrayBuffer())
      expect(response.headers.get('content-length')).toBe(String(body.length))
      expect(body.length).toBeLessThan(html.length / 2)
      expect(decode(body).equals(html)).toBe(true)
      const etag = response.headers.get('etag')!
      tags.add(etag)
      const cached = await get(workspace.slug, { 'accept-encoding': accept, 'if-none-match': etag })
      expect(cached.status).toBe(304)
      expect(cached.headers.get('etag')).toBe(etag)
      expect(cached.headers.get('vary')).toBe('Accept-Encoding')
      // The identity copy's tag does not validate this coding's copy.
      expect((await get(workspace.slug, { 'accept-encoding': accept, 'if-none-match': identity.headers.get('etag')! })).status).toBe(200)
    }
    expect(tags.size).toBe(3)
    await Promise.all(Array.from({ length: 20 }, () => get(workspace.slug, { 'accept-encoding': 'br' })))
    expect(trustPageCompressions() - compressionsBefore).toBe(2)
  })

  it('shows a linked check as failing, or as not verified once its result is older than 48 hours', async () => {
    const { workspace, acting } = await workspaceWithEditor()
    await saveDraftSection(acting, 'highlights', [{ title: 'Everyone uses 2FA', body: '', check: 'two_factor' }], {})
    await publishDraft(acting, {})
    let html = await (await get(workspace.slug)).text()
    expect(html).toContain('Not yet verified')

    await runTrustChecks(workspace.id)
    html = await (await get(workspace.slug)).text()
    expect(html).toMatch(/data-check="two_factor" data-state="failing"/)
    expect(html).toContain('Two-factor authentication is not required')

    await ownerPool().query('UPDATE workspace SET require_two_factor = true WHERE id = $1', [workspace.id])
    await ownerPool().query(
      `INSERT INTO user_totp (user_id, secret, confirmed_at) SELECT user_id, 'v1.sealed', now() FROM membership WHERE workspace_id = $1`,
      [workspace.id],
    )
    await runTrustChecks(workspace.id)
    expect(await (await get(workspace.slug)).text()).toMatch(/data-check="two_factor" data-state="passing"/)

    // The job stops running: two days later the result is stale, whatever it said.
    await ownerPool().query(`UPDATE trust_check_result SET checked_at = now() - interval '49 hours' WHERE workspace_id = $1`, [workspace.id])
    await ownerPool().query('UPDATE workspace SET trust_stamp = trust_stamp + 1 WHERE id = $1', [workspace.id])
    html = await (await get(workspace.slug)).text()
    expect(html).toMatch(/data-check="two_factor" data-state="stale"/)
    expect(html).toContain('Not verified recently')
  })

  it('reads the stamp in one statement, through row-level security, leaving no setting behind', async () => {
    const { workspace } = await workspaceWithEditor()
    const stamp = (slug: string) => db().$queryRaw<{ id: string }[]>`SELECT "id" FROM app_public_trust_stamp(${slug})`
    expect(await stamp(workspace.slug)).toEqual([{ id: workspace.id }])
    // As the application role: the public policy shows the one workspace, and nothing after.
    const [after] = await withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM app_public_trust_stamp(${'no-such-slug'})`
      return tx.$queryRaw<{ slug: string }[]>`SELECT current_setting('app.public_slug', true) AS slug`
    })
    expect(after).toEqual({ slug: '' })
    await ownerPool().query('UPDATE workspace SET deleted_at = now() WHERE id = $1', [workspace.id])
    expect(await stamp(workspace.slug)).toEqual([])
  })

  it('answers 404 for a workspace that does not exist or was deleted', async () => {
    expect((await get('no-such-workspace')).status).toBe(404)
    const { workspace, acting } = await workspaceWithEditor()
    await publishDraft(acting, {})
    expect((await get(workspace.slug)).status).toBe(200)
    await ownerPool().query('UPDATE workspace SET deleted_at = now() WHERE id = $1', [workspace.id])
    expect((await get(workspace.slug)).status).toBe(404)
  })

  it("is seeded for the demo: the platform's page lists Candor's own sub-processors, the customer's its own", async () => {
    const customer = await makeWorkspace()
    // The platform's workspace (PLATFORM_WORKSPACE_SLUG, unset here: candor) is created beside it.
    await seedDemoTrustPages(customer.workspace)
    const platform = await (await get(platformWorkspaceSlug())).text()
    for (const vendor of ['Fly.io', 'Stripe', 'Resend', 'Sentry']) expect(platform).toContain(vendor)
    expect(platform).toMatch(/data-check="audit_chain" data-state="passing"/)
    const own = await (await get(customer.workspace.slug)).text()
    expect(own).toContain('Amazon Web Services')
    expect(own).not.toContain('Fly.io')
  })
})
