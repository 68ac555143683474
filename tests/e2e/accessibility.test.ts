// Accessibility, checked by axe-core in Chromium at a desktop and a phone width: the public
// trust page (/t/:slug and /trust), the privacy portal (also with its field errors showing), a
// requester's page of an erasure, sign-in, and every main page of a signed-in owner's dashboard
// (home, onboarding with a field error, overview with its setup checklist, its chart and the
// chart's table open, trust editor, request inbox, a request, its action panel with the
// confirmation dialog open, an erasure request and a request whose export waits for review,
// members, settings, audit log, API keys, webhooks, privacy settings, sub-processors, security
// reports, documents, DPA, branding), with rows in its lists; a branded trust page and portal
// (a logo and an accent colour just at 4.5:1, so axe checks its contrast); the documentation. No violation of
// impact serious or critical is allowed; the moderate and minor ones are listed in the failure
// message only. The pages meant to work without JavaScript are also read with it turned off.
// The trust page's full-page screenshots go to test-results/screenshots/.
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { faker } from '@faker-js/faker'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { seedDemoTrustPage } from '~/modules/trust/demo-trust-pages.server'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { sha256Hex } from '~/modules/dpa/settings.server'
import { reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { accessRequestInput } from '~/modules/trust/document-forms'
import { requestDocumentAccess } from '~/modules/trust/document-requests.server'
import { createDocument, saveNda, storeDocumentFile } from '~/modules/trust/documents.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { passingShade } from '~/modules/branding/accent-colour'
import { setAccentColour, setLogo } from '~/modules/branding/branding.server'
import { sanitiseLogo } from '~/modules/branding/logo-image.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { plainPng } from '../support/logo-files'
import { signedDpaOf } from '../support/dpa-signatures'
import { addMember, makeWorkspace } from '../support/factories'
import { eventually } from '../support/eventually'
import { fileOnPortal } from '../support/requests'
import { insertRequests } from '../support/request-rows'
import { newestMailTo } from '../support/requester-mail'
import { openStatusPage } from '../support/requester-status'
import { signIn } from '../support/sign-in'

// Started on an empty database, Candor seeds its demo: the customer page /t/acme and, for the
// platform's workspace named here, Candor's own page at /trust.
const platformSlug = `candor-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`
const app = serveCandorWithBrowser({ PLATFORM_WORKSPACE_SLUG: platformSlug })
// The dashboard's reports, requests and signatures are filed from this process: their e-mails are enqueued.
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const SCREENSHOTS = path.resolve('test-results/screenshots')

const WIDTHS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const
type Width = keyof typeof WIDTHS

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }

function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `      at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
      .join('\n')}`)
    .join('\n')
}

/** axe-core on the page as it is now: no serious or critical violation (soft: every page's are reported in one run). */
async function expectAccessible(page: Page, what: string) {
  // Only the violations in full: listing every passing node too takes longer and is not read.
  // The trust editor's preview frame is sandboxed: no script runs in it, axe's neither (axe would
  // wait for it until it gives up). What it shows is the public page's own sections, checked on
  // the trust page itself below.
  const { violations } = await new AxeBuilder({ page }).exclude('iframe[data-testid="preview"]').options({ resultTypes: ['violations'] }).analyze()
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const others = violations.filter((v) => !blocking.includes(v))
  expect.soft(
    blocking.map((v) => v.id),
    `${what}: serious or critical accessibility violations\n${describeViolations(blocking)}` +
      (others.length ? `\n  and the moderate or minor ones:\n${describeViolations(others)}` : ''),
  ).toEqual([])
}

/**
 * Load the page once, then at each width in turn: check it, and check that it fits the screen's
 * width. Resizing is enough: the HTML does not depend on the width, the CSS applies again.
 */
async function atEveryWidth(page: Page, url: string, what: string, ready: (page: Page) => Promise<unknown>) {
  await page.setViewportSize(WIDTHS.desktop)
  await page.goto(url, { waitUntil: 'networkidle' })
  await ready(page)
  for (const [name, size] of Object.entries(WIDTHS) as [Width, (typeof WIDTHS)[Width]][]) {
    await page.setViewportSize(size)
    await expectAccessible(page, `${what} at ${name} width (${size.width}px)`)
    // Nothing runs off the side of the screen (a phone would scroll the whole page sideways).
    expect.soft(await page.evaluate(() => document.documentElement.scrollWidth), `${what} at ${name} width: wider than the screen`).toBeLessThanOrEqual(size.width)
  }
}

const heading1 = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor()

/** Candor's own page gets the sections other features add: documents (one public, one gated) and the DPA. */
async function addDocumentsAndDpa(slug: string) {
  const { rows } = await ownerPool().query<{ id: string; slug: string; name: string }>('SELECT id, slug, name FROM workspace WHERE slug = $1', [slug])
  const workspace = rows[0]!
  const tenant = { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } } as const
  const member = { role: 'owner', workspace, tenant, impersonation: null } as unknown as Member
  const documents = [
    { title: 'SOC 2 Type I report', description: 'The auditor’s report on our controls.', visibility: 'gated' },
    { title: 'Penetration test summary', description: 'What an independent firm tested and found in 2026.', visibility: 'public' },
  ] as const
  for (const fields of documents) {
    const file = new File(['%PDF-1.4\n% a test document\n%%EOF\n'], 'report.pdf')
    await createDocument(member, fields, await storeDocumentFile(tenant, file), {})
  }
  // The page offers "Request access" only once an NDA exists, and the DPA once its template does.
  await saveNda(member, '## Confidentiality\n\nThe recipient keeps the report to itself.', {})
  await ownerPool().query(
    `INSERT INTO dpa_settings (workspace_id, legal_name, address, contact_email, governing_law) VALUES ($1, 'Candor Labs Ltd', '1 Example Street, Dublin', 'legal@candor.localhost', 'Ireland')`,
    [workspace.id],
  )
  await ownerPool().query(
    `INSERT INTO dpa_template_version (id, workspace_id, number, body, body_sha256) VALUES ($1, $2, 1, $3, $4)`,
    [randomUUID(), workspace.id, DEFAULT_DPA_TEMPLATE, sha256Hex(DEFAULT_DPA_TEMPLATE)],
  )
}

/** Something on every page that lists things: members, a key, an endpoint, a report, a document request, a signed DPA. */
async function fillDashboard(workspace: { id: string; slug: string; name: string }, ownerId: string) {
  const tenant = { workspaceId: workspace.id, actor: { type: 'user', userId: ownerId } } as const
  await addMember(workspace.id, 'admin')
  await addMember(workspace.id, 'viewer')
  await createApiKey(tenant, ownerId, { name: 'Zendesk integration', scopes: ['requests:read', 'requests:write'] }, {})
  await createWebhookEndpoint(tenant, { url: 'https://hooks.example.com/candor/privacy-requests', events: ['request.received', 'request.completed'] }, {})
  const report = reportInput.parse({
    reporterName: 'Rae Researcher',
    reporterEmail: 'rae@research.example',
    affectedSurface: 'https://app.example/api/v1/invoices/:id',
    reproductionSteps: '1. Sign in as tenant A.\n2. GET /api/v1/invoices/<id of tenant B>.',
    severity: 'high',
    preferredTimeline: 'policy',
  })
  await submitReport(workspace.slug, report, { ip: faker.internet.ipv4(), appOrigin: app.candor.url })
  const member = { role: 'owner', workspace, tenant, impersonation: null } as unknown as Member
  const file = new File(['%PDF-1.4\n% a test document\n%%EOF\n'], 'soc2-type-ii-report-2026.pdf')
  const documentId = await createDocument(member, { title: 'SOC 2 Type II report', description: 'Period: 2026', visibility: 'gated' }, await storeDocumentFile(tenant, file), {})
  await saveNda(member, 'The recipient keeps this report confidential.', {})
  const { rows } = await ownerPool().query('SELECT id FROM trust_nda_version WHERE workspace_id = $1', [workspace.id])
  const request = accessRequestInput.parse({ name: 'Ada Auditor', email: 'ada.auditor@bigbank-holdings.example', company: 'Big Bank Holdings', ndaVersionId: rows[0].id, accept: 'yes' })
  await requestDocumentAccess(workspace.slug, documentId, request, { ip: faker.internet.ipv4(), publicOrigin: app.candor.url })
  await signedDpaOf(workspace)
}

/** The two tests that walk many public pages at both widths: axe takes seconds a page under load. */
const SLOW_PAGES_MS = 180_000

describe('accessibility', () => {
  it('the public trust pages have no serious violations, at both widths, with and without JavaScript, and are photographed', async () => {
    await addDocumentsAndDpa(platformSlug)
    const context = await app.browser.newContext()
    const page = await context.newPage()
    await atEveryWidth(page, `${app.candor.url}/t/acme`, 'the trust page', heading1)
    await atEveryWidth(page, `${app.candor.url}/trust`, 'the platform’s trust page', async (p) => {
      await heading1(p)
      await p.getByRole('link', { name: 'Sign our data processing agreement (DPA)' }).waitFor()
      await p.getByRole('link', { name: 'Request access' }).waitFor()
    })
    await atEveryWidth(page, `${app.candor.url}/t/${platformSlug}/subprocessors/subscribe`, 'the sub-processor subscription page', heading1)
    await atEveryWidth(page, `${app.candor.url}/t/${platformSlug}/security`, 'the disclosure page', heading1)
    // A gated document's request page, with the NDA's Markdown rendered (its heading under the page's h2).
    const { rows: gated } = await ownerPool().query(
      `SELECT d.id FROM trust_document d JOIN workspace w ON w.id = d.workspace_id WHERE w.slug = $1 AND d.visibility = 'gated'`,
      [platformSlug],
    )
    await atEveryWidth(page, `${app.candor.url}/t/${platformSlug}/documents/${gated[0].id}/request`, 'a document request page with its NDA', async (p) => {
      await p.getByTestId('nda-text').getByRole('heading', { name: 'Confidentiality' }).waitFor()
    })

    // Screenshots of the richest page (Candor's own) for people to look at.
    await mkdir(SCREENSHOTS, { recursive: true })
    for (const [name, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size)
      await page.goto(`${app.candor.url}/trust`, { waitUntil: 'networkidle' })
      await page.screenshot({ path: path.join(SCREENSHOTS, `trust-page-${name}.png`), fullPage: true })
    }
    // On paper: the section list is hidden and the sub-processors are a table again.
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(false)
    expect(await page.getByRole('table').isVisible()).toBe(true)
    await page.pdf({ path: path.join(SCREENSHOTS, 'trust-page-print.pdf') })
    await context.close()

    // Without JavaScript it is the same page: there is no script to miss.
    const noScript = await app.browser.newContext({ javaScriptEnabled: false, viewport: WIDTHS.phone })
    const plain = await noScript.newPage()
    const response = await plain.goto(`${app.candor.url}/t/acme`)
    expect(await response!.text()).not.toContain('<script')
    await plain.getByRole('heading', { level: 1, name: 'Security at Acme Analytics' }).waitFor()
    await plain.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sub-processors' }).click()
    expect(plain.url()).toMatch(/#subprocessors$/)
    // On a phone the table is a stack of cards: nothing runs off the side of the screen.
    const vendor = plain.getByRole('rowheader', { name: 'Postmark' })
    expect(await vendor.isVisible()).toBe(true)
    expect(await plain.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTHS.phone.width)
    expect(await plain.getByRole('link', { name: 'Make a privacy request' }).isVisible()).toBe(true)
    await noScript.close()
  }, SLOW_PAGES_MS)

  it('a branded trust page and portal (logo, accent colour at the 4.5:1 limit) have no serious violations at both widths', async () => {
    const { workspace, owner } = await makeWorkspace()
    const tenant = { workspaceId: workspace.id, actor: { type: 'user', userId: owner.id } } as const
    const member = { role: 'owner', workspace, tenant, impersonation: null } as unknown as Member
    const logo = await sanitiseLogo(await plainPng(400, 120))
    if (!logo.ok) throw new Error(logo.message)
    await setLogo(member, logo.logo, {})
    // The lightest shade of a bright red that passes: any rounding the wrong way would show here.
    await setAccentColour(member, passingShade('#ff3355'), {})
    const acting = { tenant, userId: owner.id, workspaceName: workspace.name }
    await saveDraftSection(acting, 'overview', { headline: `Security at ${workspace.name}`, summary: 'How we keep data safe.' }, {})
    await publishDraft(acting, {})
    const context = await app.browser.newContext()
    const page = await context.newPage()
    await atEveryWidth(page, `${app.candor.url}/t/${workspace.slug}`, 'a branded trust page', heading1)
    await atEveryWidth(page, `${app.candor.url}/p/${workspace.slug}`, 'a branded privacy portal', heading1)
    await atEveryWidth(page, `${app.candor.url}/t/${workspace.slug}/security`, 'a branded disclosure policy page', heading1)
    await context.close()
  }, SLOW_PAGES_MS)

  it('the privacy portal and sign-in have no serious violations, blank or with field errors, and work without JavaScript', async () => {
    const { workspace } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await context.newPage()
    await atEveryWidth(page, `${app.candor.url}/p/${workspace.slug}`, 'the privacy portal', heading1)
    await atEveryWidth(page, `${app.candor.url}/p/${workspace.slug}/status`, 'the portal’s follow-a-request page', heading1)
    await atEveryWidth(page, `${app.candor.url}/sign-in`, 'the sign-in page', heading1)
    await atEveryWidth(page, `${app.candor.url}/`, 'the home page', heading1)

    for (const [name, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size)
      await page.goto(`${app.candor.url}/p/${workspace.slug}`, { waitUntil: 'networkidle' })
      await page.getByLabel('Your e-mail address').fill('not an address')
      await page.getByRole('button', { name: 'Send request' }).click()
      await page.getByText('Choose what you are asking for.').waitFor()
      await expectAccessible(page, `the privacy portal with field errors at ${name} width`)

      await page.goto(`${app.candor.url}/sign-in`, { waitUntil: 'networkidle' })
      await page.getByLabel('E-mail address').fill('not an address')
      await page.getByRole('button', { name: 'Send me a code' }).click()
      await page.locator('#email-error').waitFor()
      await expectAccessible(page, `the sign-in page with a field error at ${name} width`)
      await page.getByLabel('E-mail address').fill(faker.internet.email().toLowerCase())
      await page.getByRole('button', { name: 'Send me a code' }).click()
      await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
      await expectAccessible(page, `the sign-in code page at ${name} width`)
    }
    await context.close()

    // Without JavaScript the forms still post and answer with their errors.
    const noScript = await app.browser.newContext({ javaScriptEnabled: false, viewport: WIDTHS.phone })
    const plain = await noScript.newPage()
    await plain.goto(`${app.candor.url}/p/${workspace.slug}`)
    const refused = plain.waitForResponse((r) => r.request().method() === 'POST')
    await plain.getByRole('button', { name: 'Send request' }).click()
    expect((await refused).status()).toBe(400)
    await plain.getByText('Choose what you are asking for.').waitFor()
    expect(await plain.getByLabel('Your e-mail address').getAttribute('aria-invalid')).toBe('true')
    await plain.goto(`${app.candor.url}/sign-in`)
    await plain.getByLabel('E-mail address').fill('not an address')
    await plain.getByRole('button', { name: 'Send me a code' }).click()
    expect(await plain.getByLabel('E-mail address').getAttribute('aria-invalid')).toBe('true')
    await noScript.close()
  }, SLOW_PAGES_MS)

  it('the documentation has no serious violations: its front page, a page with tables, a search and an unknown page', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    await atEveryWidth(page, `${app.candor.url}/docs`, 'the documentation’s front page', heading1)
    await atEveryWidth(page, `${app.candor.url}/docs/configuration`, 'a documentation page with tables', heading1)
    await atEveryWidth(page, `${app.candor.url}/docs/deploy-node`, 'a documentation page with code', heading1)
    await atEveryWidth(page, `${app.candor.url}/docs?q=backup`, 'the documentation’s search results', heading1)
    await atEveryWidth(page, `${app.candor.url}/docs/no-such-page`, 'the documentation’s page not found', heading1)
    await context.close()
  }, SLOW_PAGES_MS)

})

// One page per test (each loaded once, checked at both widths), in one signed-in owner's session.
describe('a signed-in owner’s dashboard has no serious violations and fits a phone', () => {
  let context: BrowserContext | undefined
  let page: Page
  let base: string
  let workspaceSlug: string
  beforeAll(async () => {
    const { workspace, owner } = await makeWorkspace()
    await seedDemoTrustPage(workspace, 'customer')
    await fillDashboard(workspace, owner.id)
    context = await app.browser.newContext()
    page = await signIn(app.candor.url, context, owner.email)
    base = `${app.candor.url}/w/${workspace.slug}`
    workspaceSlug = workspace.slug
  })
  afterAll(() => context?.close())

  it('on the dashboard home', async () => {
    await atEveryWidth(page, `${app.candor.url}/app`, 'the dashboard home', heading1)
  })

  it('on the onboarding page (creating another workspace): blank, then with its address taken', async () => {
    await atEveryWidth(page, `${app.candor.url}/onboarding`, 'the onboarding page', heading1)
    await page.getByLabel('Company name').fill('Second Company')
    await page.getByLabel('Workspace address').fill(workspaceSlug)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.locator('#slug-error').waitFor()
    for (const [name, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size)
      await expectAccessible(page, `the onboarding page with its address taken at ${name} width`)
    }
    await page.setViewportSize(WIDTHS.desktop)
  })

  it('on the e-mail notifications page', async () => {
    await atEveryWidth(page, `${app.candor.url}/account/notifications`, 'the e-mail notifications page', heading1)
  })

  it('on the request inbox and a request', async () => {
    const filed = await fileOnPortal(app.candor.url, workspaceSlug, { type: 'rectification' })
    // The queue with every row ticked for a bulk action.
    await atEveryWidth(page, `${base}/requests`, 'the request inbox with its rows ticked', (p) =>
      p.getByLabel('Select every request on this page').check(),
    )
    const opened = await page.getByRole('link', { name: filed.reference }).getAttribute('href')
    await atEveryWidth(page, `${app.candor.url}${opened}`, 'a privacy request', heading1)
  })

  it('on an erasure, system by system: the request page (with its warning) and the requester’s page', async () => {
    const filed = await fileOnPortal(app.candor.url, workspaceSlug, { type: 'erasure' })
    // The worker erases Candor's own records a moment after the confirmation.
    await eventually(
      async () => (await ownerPool().query(`SELECT 1 FROM privacy_request WHERE reference = $1 AND erased_primary_at IS NOT NULL`, [filed.reference])).rows[0],
      { timeoutMs: 30_000, what: 'the built-in erasure' },
    )
    await page.goto(`${base}/requests`, { waitUntil: 'networkidle' })
    const opened = await page.getByRole('link', { name: filed.reference }).getAttribute('href')
    await atEveryWidth(page, `${app.candor.url}${opened}`, 'an erasure request', (p) => p.getByText(/^No data system besides Candor’s own/).waitFor())
    const subject = await (await app.browser.newContext()).newPage()
    await openStatusPage(subject, app.candor.url, workspaceSlug, filed.reference, filed.email)
    await atEveryWidth(subject, subject.url(), 'the requester’s page of an erasure', (p) =>
      p.getByRole('heading', { name: 'Erasure, system by system' }).waitFor(),
    )
    // The locked page an unknown follow link leads to (it sends nothing, and says the link does not work).
    const stranger = await (await app.browser.newContext()).newPage()
    await atEveryWidth(stranger, `${subject.url()}?follow=${'x'.repeat(43)}`, 'the requester’s page behind an unknown follow link', heading1)
    await subject.context().close()
    await stranger.context().close()
  })

  it('on the subject’s follow link and a confirmation link opened again', async () => {
    const filed = await fileOnPortal(app.candor.url, workspaceSlug, { type: 'access' })
    const receipt = await newestMailTo(filed.email, '%received your privacy request%')
    const follow = /(https?:\/\/\S+\?follow=\S+)/.exec(receipt.text)![1]!
    const subject = await (await app.browser.newContext()).newPage()
    await atEveryWidth(subject, follow, 'the requester’s follow link', (p) => p.getByRole('button', { name: 'Open my request' }).waitFor())
    const confirm = await newestMailTo(filed.email, 'Confirm your privacy request%')
    await atEveryWidth(subject, confirm.link!, 'a confirmation link opened again', heading1)
    await subject.getByRole('heading', { name: 'This request is already confirmed' }).waitFor()
    await subject.context().close()
  })

  it('on a request’s action panel, with its success message and its confirmation dialog open', async () => {
    const filed = await fileOnPortal(app.candor.url, workspaceSlug, { type: 'objection' })
    await page.goto(`${base}/requests/${filed.reference}`, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Assign to me' }).click()
    await page.getByTestId('action-outcome').waitFor()
    await atEveryWidth(page, page.url(), 'a request’s action panel with its confirmation dialog', async (p) => {
      await p.getByRole('button', { name: 'Complete the request' }).click()
      await p.getByRole('dialog', { name: 'Are you sure?' }).waitFor()
    })
    await page.screenshot({ path: '/tmp/desk-a11y-dialog-phone.png', fullPage: false })
  })

  it('on a request whose export waits for review', async () => {
    const filed = await fileOnPortal(app.candor.url, workspaceSlug, { type: 'access' })
    await eventually(
      async () =>
        (await ownerPool().query('SELECT 1 FROM privacy_request r JOIN request_export e ON e.request_id = r.id WHERE r.reference = $1', [filed.reference])).rows[0],
      { timeoutMs: 30_000, what: 'the export' },
    )
    await atEveryWidth(page, `${base}/requests/${filed.reference}`, 'a request with an export to review', heading1)
  })

  it('on the Overview: what needs you, and the chart read as an image with a summary and as a table', async () => {
    // A year of requests behind the ones the tests above filed, some completed late.
    const { rows } = await ownerPool().query<{ id: string }>('SELECT id FROM workspace WHERE slug = $1', [workspaceSlug])
    const types = ['access', 'erasure', 'opt_out', 'rectification', 'portability', 'objection'] as const
    await insertRequests(
      rows[0]!.id,
      Array.from({ length: 90 }, (_, i) => {
        const receivedAt = new Date(Date.now() - (i * 4 + 1 + (i % 3)) * 86_400_000)
        const done = i > 10
        return {
          type: types[(i * 7) % types.length],
          receivedAt,
          completedAt: done ? new Date(receivedAt.getTime() + (i % 9 === 0 ? 35 : 12) * 86_400_000) : null,
        }
      }),
    )
    await atEveryWidth(page, base, 'the workspace overview', (p) => p.getByTestId('requests-chart').waitFor())
    const chart = page.getByRole('img', { name: /^Privacy requests per month by type/ })
    expect(await chart.getAttribute('aria-labelledby')).toBe('requests-chart-title requests-chart-desc')
    expect(await page.locator('#requests-chart-desc').textContent()).toMatch(/^Privacy requests received per month by type, .* \d+ requests in all/)
    await page.getByText('The numbers as a table').click()
    await expect.poll(() => page.getByTestId('requests-chart-table').locator('tbody tr').count()).toBe(12)
    await expectAccessible(page, 'the workspace overview with the chart’s table open')
    await mkdir(SCREENSHOTS, { recursive: true })
    for (const [name, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size)
      await page.screenshot({ path: path.join(SCREENSHOTS, `overview-${name}.png`), fullPage: true })
    }
    await page.setViewportSize(WIDTHS.desktop)
  })

  it.each([
    ['/trust', 'the trust page editor'],
    ['/trust/highlights', 'a section of the trust page editor, with its preview'],
    ['/members', 'the members page'],
    ['/settings', 'the workspace settings'],
    ['/audit', 'the audit log'],
    ['/api-keys', 'the API keys page'],
    ['/webhooks', 'the webhooks page'],
    ['/privacy', 'the privacy settings'],
    ['/privacy?outline=blank', 'the privacy settings with the profile’s outline, unsaved'],
    ['/subprocessors', 'the sub-processors page'],
    ['/security', 'the security reports'],
    ['/documents', 'the documents page'],
    ['/dpa', 'the DPA page'],
    ['/branding', 'the branding page'],
  ])('on /w/:slug%s (%s)', async (path, what) => {
    await atEveryWidth(page, `${base}${path}`, what, heading1)
  })
})
