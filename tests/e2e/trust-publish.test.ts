// Publishing a trust page that cannot mislead, in a browser with JavaScript: a new company's
// admin tries to publish a page with each kind of problem (an empty overview and contact, no
// sub-processors, a highlight backed by a check that has never run, a FAQ promising a DPA that
// does not exist, a gated document without an NDA, a portal without a privacy profile), reads the
// checklist, follows a fix to the section's page, confirms the rest, and publishes; a
// second publish says nothing changed. Every link of the published page, bare and then fully set
// up, is followed one level beyond: none answers 404, and every #anchor exists. Screenshots go
// to /tmp/shots-publish/.
import { mkdir } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '~/modules/db/tenant.server'
import { DEFAULT_DPA_TEMPLATE } from '~/modules/dpa/default-template'
import { sha256Hex } from '~/modules/dpa/settings.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { documentsOf } from '../support/trust-documents'

const app = serveCandorWithBrowser()
// The documents' request e-mails are enqueued from this process.
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))
const SHOTS = '/tmp/shots-publish'

const sectionForm = (page: Page, id: string) => page.locator(`form[data-trust-section="${id}"]`)
const checklistIds = async (page: Page, tone: 'warn' | 'note') =>
  page.locator(`#publish [data-tone="${tone}"]`).evaluateAll((items) => items.map((item) => item.getAttribute('data-checklist')))

/** Save the section whose page is open: it stays open and says the draft is saved. */
async function save(page: Page, id: string, button: string) {
  await sectionForm(page, id).getByRole('button', { name: button }).click()
  await page.getByTestId('saved').waitFor()
}

/** Every href of a page (links, its stylesheet and icon), as written. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
}

/**
 * Follow every same-site link of the public page at `start`, and the links of the pages it leads
 * to: none may answer 404 (or any error), and every #fragment must name an element of its page.
 */
async function crawl(start: string): Promise<string[]> {
  const origin = app.candor.url
  const seen = new Set<string>()
  const problems: string[] = []
  const visit = async (path: string, depth: number) => {
    if (seen.has(path)) return
    seen.add(path)
    const response = await fetch(`${origin}${path}`, { redirect: 'follow', signal: AbortSignal.timeout(15_000) })
    if (response.status >= 400) problems.push(`${path} answered ${response.status}`)
    // The visitor's pages are followed further; the product's own site (the footer's home link) is not.
    const visitorPage = path.startsWith(`/t/`) || path.startsWith(`/p/`)
    if (depth === 0 || !visitorPage || !(response.headers.get('content-type') ?? '').includes('text/html')) return
    const html = await response.text()
    for (const href of linksOf(html)) {
      if (href.startsWith('mailto:') || /^https?:\/\//.test(href)) continue
      if (href.startsWith('#')) {
        if (href.length > 1 && !html.includes(`id="${href.slice(1)}"`)) problems.push(`${path} links to ${href}, which is not on the page`)
        continue
      }
      await visit(href.split('#')[0]!, depth - 1)
    }
  }
  await visit(start, 2)
  expect(seen.size).toBeGreaterThan(5)
  return problems
}

async function accessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze()
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${what}: ${v.id}`)).toEqual([])
}

describe('publishing the trust page', () => {
  it('shows a checklist of every problem, needs a confirmation, says what changed, and publishes a page without empty sections or dead links', { timeout: 180_000 }, async () => {
    await mkdir(SHOTS, { recursive: true })
    const { workspace, owner } = await makeWorkspace()
    const system = { type: 'system', reason: 'test' } as const
    const inTenant = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant({ workspaceId: workspace.id, actor: system }, work)
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await signIn(app.candor.url, context, owner.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    await page.getByRole('heading', { name: 'Not published yet' }).waitFor()

    // A blank page: nothing to say in the overview, no contact, no sub-processors, no privacy profile.
    expect(await checklistIds(page, 'warn')).toEqual(['empty:overview', 'empty:contact', 'empty:subprocessors', 'link:portal'])
    expect(await page.getByTestId('shown-sections').textContent()).toBe('The page shows: Privacy rights, Vulnerability disclosure.')

    // The admin writes a highlight backed by the 2FA check and a FAQ that promises a DPA; a gated
    // document is listed, but no NDA is written.
    const editor = `${app.candor.url}/w/${workspace.slug}/trust`
    await page.goto(`${editor}/highlights`)
    const highlights = sectionForm(page, 'highlights')
    await highlights.getByRole('button', { name: 'Add a highlight' }).click()
    await highlights.getByLabel('Title').first().fill('2FA for every member')
    await highlights.getByLabel('Backed by a live check').first().selectOption('two_factor')
    await save(page, 'highlights', 'Save highlights')
    await page.goto(`${editor}/faq`)
    const faq = sectionForm(page, 'faq')
    await faq.getByRole('button', { name: 'Add a question' }).click()
    await faq.getByLabel('Question', { exact: true }).first().fill('Can we sign a DPA?')
    await faq.getByLabel('Answer (Markdown)').first().fill('Yes: every customer can sign our DPA online.')
    await save(page, 'faq', 'Save FAQ')
    await inTenant((tx) =>
      tx.trustDocument.create({
        data: { workspaceId: workspace.id, title: 'SOC 2 report', visibility: 'gated', fileName: 'soc2.pdf', contentType: 'application/pdf', bytes: 1n, sha256: 'a'.repeat(64), object: {} },
      }),
    )
    await page.goto(editor)
    expect(await checklistIds(page, 'warn')).toEqual(['empty:contact', 'empty:subprocessors', 'check:two_factor', 'held:dpa-faq', 'link:nda', 'link:portal'])
    const checkItem = page.locator('[data-checklist="check:two_factor"]')
    expect(await checkItem.textContent()).toContain('show “2FA required for every member” as not yet verified')
    expect(await checkItem.getByRole('link').getAttribute('href')).toBe(`/w/${workspace.slug}/members?twoFactor=off`)
    expect(await page.locator('[data-checklist="held:dpa-faq"]').textContent()).toContain('The question “Can we sign a DPA?” speaks of a DPA, but none is set up')
    // The live checks list leads to each check's fix too.
    expect(await page.locator('#checks [data-check="two_factor"]').getByRole('link').getAttribute('href')).toBe(`/w/${workspace.slug}/members?twoFactor=off`)

    // The empty contact's fix opens the contact's own page; saved there, the warning goes.
    await page.locator('[data-checklist="empty:contact"]').getByRole('link', { name: 'Add a contact' }).click()
    await page.getByRole('heading', { level: 1, name: 'Contact' }).waitFor()
    await sectionForm(page, 'contact').getByLabel('Security contact e-mail').fill('security@newco.example')
    await save(page, 'contact', 'Save contact')
    await page.goto(editor)
    expect(await checklistIds(page, 'warn')).toEqual(['empty:subprocessors', 'check:two_factor', 'held:dpa-faq', 'link:nda', 'link:portal'])
    expect(await page.locator('[data-section="contact"]').textContent()).toContain('Has content')
    await page.getByRole('button', { name: 'Publish the draft' }).click()
    await page.getByText('The checklist has 5 warnings: fix them, or confirm that you publish the page as it is.').waitFor()
    await accessible(page, 'the editor with its checklist')
    await page.locator('#publish').screenshot({ path: `${SHOTS}/checklist-warnings.png` })

    await page.getByRole('checkbox', { name: 'I have read the warnings above and want to publish the page as it is.' }).check()
    await page.getByRole('button', { name: 'Publish the draft' }).click()
    await page.getByRole('heading', { name: 'Published: version 1' }).waitFor()
    expect(await page.getByTestId('last-publish').textContent()).toBe('The first version added Highlights, FAQ, Contact.')

    // Publishing again changes nothing, and says so.
    await page.getByRole('checkbox', { name: /want to publish the page as it is/ }).check()
    await page.getByRole('button', { name: 'Publish the draft' }).click()
    await page.getByText('Nothing changed since the published version (version 1): there is nothing to publish.').waitFor()

    // The published page: no empty sections, no "0 sub-processors", no DPA or request link that leads nowhere.
    // (The page has no script; axe needs the browser's JavaScript to run its checks.)
    const visitor = await app.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const reader = await visitor.newPage()
    await reader.goto(`${app.candor.url}/t/${workspace.slug}`)
    const headings = await reader.locator('main h2').allTextContents()
    // The FAQ's only question is about the DPA, which does not exist yet: held back, and the FAQ with it.
    expect(headings).toEqual(['At a glance', 'Overview', 'Live checks', 'Documents', 'Your privacy rights', 'Vulnerability disclosure', 'Contact'])
    expect(await reader.getByText('Can we sign a DPA?').count()).toBe(0)
    expect(await reader.getByText('Sub-processors').count()).toBe(0)
    expect(await reader.getByRole('link', { name: /Request access|Sign our data processing agreement/ }).count()).toBe(0)
    expect(await reader.getByRole('link', { name: 'Ask for a copy by e-mail' }).getAttribute('href')).toMatch(/^mailto:security@newco\.example\?subject=/)
    await accessible(reader, 'the bare published page')
    await reader.screenshot({ path: `${SHOTS}/public-bare.png`, fullPage: true })
    expect(await crawl(`/t/${workspace.slug}`)).toEqual([])

    // Fully set up: sub-processors, documents with an NDA, a DPA, a privacy profile. The page
    // follows its records at once: the DPA and the requests are offered, and they work.
    await documentsOf({ id: workspace.id, slug: workspace.slug, name: workspace.name }, 'Pen test')
    const written = 'Written.'
    await inTenant(async (tx) => {
      await tx.subprocessor.create({ data: { workspaceId: workspace.id, name: 'AWS', purpose: 'Hosting', region: 'EU', policyUrl: 'https://aws.amazon.com/compliance/gdpr-center/' } })
      await tx.dpaSettings.create({ data: { workspaceId: workspace.id, legalName: 'Newco Ltd', address: '1 High St', contactEmail: 'dpa@newco.example', governingLaw: 'the laws of Ireland' } })
      await tx.dpaTemplateVersion.create({ data: { id: randomUUID(), workspaceId: workspace.id, number: 1, body: DEFAULT_DPA_TEMPLATE, bodySha256: sha256Hex(DEFAULT_DPA_TEMPLATE) } })
      await tx.privacyProfile.create({
        data: { workspaceId: workspace.id, controller: written, purposes: written, dataCategories: written, retention: written, sources: written, automatedDecisions: written, transfers: written, supervisoryAuthority: written, contact: written },
      })
    })
    await reader.reload()
    expect(await reader.getByRole('link', { name: 'Sign our data processing agreement (DPA)' }).count()).toBe(1)
    expect(await reader.getByRole('link', { name: 'Request access' }).count()).toBe(2)
    expect(await reader.locator('main h2').allTextContents()).toEqual([
      'At a glance', 'Overview', 'Live checks', 'Sub-processors', 'Documents', 'Your privacy rights', 'Frequently asked questions', 'Vulnerability disclosure', 'Contact',
    ])
    await reader.screenshot({ path: `${SHOTS}/public-set-up.png`, fullPage: true })
    expect(await crawl(`/t/${workspace.slug}`)).toEqual([])

    // The editor's checklist now has only the failing-or-unverified check left to warn about.
    await page.goto(`${app.candor.url}/w/${workspace.slug}/trust`)
    expect(await checklistIds(page, 'warn')).toEqual(['check:two_factor'])
    await page.screenshot({ path: `${SHOTS}/editor-set-up.png` })
    await visitor.close()
    await context.close()
  })
})
