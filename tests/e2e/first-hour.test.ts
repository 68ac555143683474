// The first hour, whole, in one browser: a new company signs up, creates its workspace, lists
// its sub-processors from the catalogue, adds the controls Candor provides, writes its
// overview and contact, sets up its DPA, starts its privacy profile from the outline, publishes the trust
// page past the pre-publish checklist, and then a visitor reads the published page (the
// sub-processors, the controls with their live checks, the DPA to sign) and files a privacy
// request on the portal it links to, which the company sees on its desk. What the founder did
// is counted (clicks, fields typed, page loads, data requests, seconds) and printed as one JSON
// line: the figure "steps and page loads from sign-up to a published page with sub-processors,
// controls and a DPA". Screenshots go to /tmp/shots-first-hour/.
import { mkdir } from 'node:fs/promises'
import { faker } from '@faker-js/faker'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { suggestSlug } from '~/modules/tenancy/slug-suggestion'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { printFigures } from '../support/bench-figures'
import { countInteractions } from '../support/interaction-counter'
import { newestMailTo } from '../support/requester-mail'
import { signInOn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-first-hour'
const VENDORS = ['Amazon Web Services', 'Stripe', 'Resend']

async function shoot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('the first hour', () => {
  it('takes a new company from sign-up to a published, credible trust page and a working portal', { timeout: 240_000 }, async () => {
    const started = Date.now()
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const act = countInteractions(page)
    const tag = faker.string.alphanumeric({ length: 8, casing: 'lower' })
    const email = `founder-${tag}@newco.example`
    const company = `Newco ${tag} Ltd`
    const slug = suggestSlug(company)
    const base = `${app.candor.url}/w/${slug}`

    // Sign up and create the workspace.
    await signInOn(page, app.candor.url, email, act)
    await page.waitForURL(`${app.candor.url}/onboarding`)
    await act.fill(page.getByLabel('Your name'), 'Maya Founder')
    await act.fill(page.getByLabel('Company name'), company)
    await expect.poll(() => page.getByLabel('Workspace address').inputValue()).toBe(slug)
    await act.click(page.getByRole('button', { name: 'Create workspace' }))
    await page.waitForURL(base)
    await page.getByTestId('setup-checklist').waitFor()

    // Sub-processors from the catalogue, checked and added.
    await act.click(page.locator('[data-step="subprocessors"]').getByRole('link', { name: 'List your sub-processors' }))
    await page.waitForURL(`${base}/subprocessors`)
    for (const vendor of VENDORS) await act.click(page.getByRole('checkbox', { name: new RegExp(vendor) }))
    await act.click(page.getByRole('button', { name: 'Draft the ticked vendors' }))
    const drafts = page.getByRole('article', { name: /^New sub-processor: / })
    await expect.poll(() => drafts.count()).toBe(3)
    for (const vendor of VENDORS) {
      await act.click(page.getByRole('article', { name: new RegExp(`^New sub-processor: ${vendor}`) }).getByRole('button', { name: 'Add it now' }))
      await page.getByRole('row', { name: new RegExp(vendor) }).waitFor()
    }

    // The controls Candor provides for the workspace, into the trust-page draft.
    await act.click(page.getByRole('link', { name: 'Overview', exact: true }))
    await page.waitForURL(base)
    await act.click(page.getByRole('button', { name: /^Add \d+ controls and 1 checked highlight to the draft$/ }))
    await page.getByText('All of them are in the trust-page draft.').waitFor()

    // The overview and the contact, each on its own page of the trust editor.
    await act.click(page.getByRole('link', { name: 'Trust page', exact: true }).first())
    await act.click(page.getByRole('link', { name: 'Edit Overview' }))
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    await act.fill(page.getByLabel('Summary (Markdown)'), `${company} keeps its customers' data in the EU, encrypted, and says here how.`)
    await act.click(page.getByRole('button', { name: 'Save overview' }))
    await page.getByTestId('saved').waitFor()
    await act.click(page.getByRole('link', { name: 'Trust page', exact: true }).first())
    await act.click(page.getByRole('link', { name: 'Edit Contact' }))
    await page.getByRole('heading', { level: 1, name: 'Contact' }).waitFor()
    await act.fill(page.getByLabel('Security contact e-mail'), `security@${slug}.example`)
    await act.click(page.getByRole('button', { name: 'Save contact' }))
    await page.getByTestId('saved').waitFor()

    // The DPA: the legal name and contact are already there; the address, registration and law are typed.
    await act.click(page.getByRole('link', { name: 'DPA', exact: true }))
    await page.waitForURL(`${base}/dpa`)
    expect(await page.getByLabel('Legal name').inputValue()).toBe(company)
    expect(await page.getByLabel('Contact e-mail for this DPA').inputValue()).toBe(email)
    await act.fill(page.getByLabel('Registered address'), '1 High Street, Dublin, Ireland')
    await act.fill(page.getByLabel('Registration'), 'Company number 712345, registered in Ireland')
    await act.fill(page.getByLabel('Governing law'), 'the laws of Ireland')
    await act.click(page.getByRole('button', { name: 'Save', exact: true }))
    await page.getByText('Customers sign your DPA on').waitFor()

    // The privacy profile, from its outline: the controller is the DPA's legal entity; every
    // other field says what Candor knows and asks, in brackets, for the rest.
    await act.click(page.getByRole('link', { name: 'Privacy settings', exact: true }))
    await page.waitForURL(`${base}/privacy`)
    await act.click(page.getByRole('link', { name: 'Start from an outline' }))
    await page.waitForURL(/outline=blank/)
    await page.getByRole('status').filter({ hasText: 'Not saved: review and save.' }).waitFor()
    expect(await page.getByRole('textbox', { name: 'Controller', exact: true }).inputValue()).toBe(
      `${company}, 1 High Street, Dublin, Ireland (Company number 712345, registered in Ireland).`,
    )
    expect(await page.getByRole('textbox', { name: 'Purposes of processing', exact: true }).inputValue()).toContain('Amazon Web Services')
    for (const box of await page.locator('#profile textarea').all()) {
      const text = await box.inputValue()
      if (/\[[A-Z][^\]]*\]/.test(text)) await act.fill(box, text.replace(/\[[^\]]*\]/g, 'As our privacy notice says.'))
    }
    await act.click(page.getByRole('button', { name: 'Save privacy profile' }))
    await page.waitForURL((url) => !url.search.includes('outline'))

    // The live checks, queued when the controls were added, have run by now (they take seconds;
    // a person spends longer on the DPA). The test waits for them rather than race them.
    const checksRun = async () =>
      (await ownerPool().query('SELECT count(*)::int AS n FROM trust_check_result r JOIN workspace w ON w.id = r.workspace_id WHERE w.slug = $1', [slug]))
        .rows[0].n
    await expect.poll(checksRun, { timeout: 30_000 }).toBeGreaterThan(0)

    // Publish: the checklist has nothing to warn of, so no confirmation is asked.
    await act.click(page.getByRole('link', { name: 'Trust page', exact: true }).first())
    await page.waitForURL(`${base}/trust`)
    await page.getByRole('heading', { name: 'Not published yet' }).waitFor()
    const warnings = page.locator('#publish [data-tone="warn"]')
    expect(await warnings.evaluateAll((items) => items.map((item) => item.getAttribute('data-checklist')))).toEqual([])
    expect(await page.getByRole('checkbox', { name: /want to publish/ }).count()).toBe(0)
    await act.click(page.getByRole('button', { name: 'Publish the draft' }))
    await page.getByRole('heading', { name: 'Published: version 1' }).waitFor()

    const founder = { ...act.counts, seconds: Math.round((Date.now() - started) / 1000) }
    await shoot(page, 'published')

    // A visitor reads the page and files a request on the portal it links to.
    const visitor = await app.browser.newPage()
    await visitor.goto(`${app.candor.url}/t/${slug}`)
    const listed = visitor.locator('#subprocessors tbody th[scope="row"]')
    expect((await listed.allInnerTexts()).map((name) => name.split('\n')[0])).toEqual([...VENDORS].sort())
    expect(await visitor.getByText('Passwordless sign-in').count()).toBeGreaterThan(0)
    await visitor.getByRole('link', { name: 'Sign our data processing agreement (DPA)' }).click()
    expect(new URL(visitor.url()).pathname).toBe(`/t/${slug}/dpa`)
    await visitor.goBack()
    await visitor.getByRole('link', { name: /privacy request/i }).first().click()
    await visitor.waitForURL(`${app.candor.url}/p/${slug}`)
    const subject = `dana-${tag}@example.com`
    await visitor.getByLabel('Access my data').check()
    await visitor.getByLabel('Your full name').fill('Dana Whitfield')
    await visitor.getByLabel('Your e-mail address').fill(subject)
    await visitor.getByLabel('How do you know the company?').selectOption('customer')
    const filed = new Date(Date.now() - 1000)
    await visitor.getByRole('button', { name: 'Send request' }).click()
    await visitor.getByRole('heading', { name: 'Check your e-mail' }).waitFor()
    const reference = /\/requests\/(R-[A-Z0-9]{8})\/verify$/.exec(visitor.url())![1]!
    await visitor.getByLabel('Code').fill((await newestMailTo(subject, 'Confirm your privacy request%', filed)).code!)
    await visitor.getByRole('button', { name: 'Confirm my request' }).click()
    await visitor.getByRole('heading', { name: 'Your request is confirmed' }).waitFor()
    await shoot(visitor, 'portal-confirmed')

    await page.goto(`${base}/requests`)
    await page.getByRole('link', { name: reference }).waitFor()
    expect(await page.getByRole('row', { name: new RegExp(reference) }).innerText()).toContain('Dana Whitfield')

    printFigures({ figure: 'first_hour', from: 'sign-up', to: 'published trust page with sub-processors, controls and a DPA', ...founder })
    await context.close()
  })
})
