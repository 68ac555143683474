// The dashboard's grouped side navigation in a browser, at a desktop width (1280 px: a sidebar,
// every entry in sight) and a phone's (390 px: a menu that opens with JavaScript and without):
// every group and page reachable, the current page marked, nothing wider than the screen, and a
// role shown only its own pages. Then the members page's two-factor state (one member with an
// authenticator, others without), its filter, and the failing 2FA check's link that leads there.
// Screenshots of Overview, Requests and Members at both widths go to /tmp/shots-nav/.
import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { startEnrolment } from '~/modules/auth/two-factor.server'
import { ownerPool } from '~/modules/db/owner.server'
import { runTrustChecks } from '~/modules/trust/checks.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-nav'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

const GROUPS = {
  'Privacy desk': ['Requests', 'Privacy settings', 'DRP agents'],
  'Trust center': ['Trust page', 'Sub-processors', 'Documents', 'DPA'],
  Security: ['Security reports', 'Incidents', 'Audit log'],
  Workspace: ['Members', 'API keys', 'Webhooks', 'Branding', 'Settings', 'Billing'],
}

let slug = ''
let people: { owner: string; withTwoFactor: string; withoutTwoFactor: string; viewer: string }
let ownerCookies: Awaited<ReturnType<BrowserContext['cookies']>>

beforeAll(async () => {
  const { workspace, owner } = await makeWorkspace()
  slug = workspace.slug
  const admin = await addMember(workspace.id, 'admin')
  await startEnrolment(admin.userId)
  await ownerPool().query('UPDATE user_totp SET confirmed_at = now() WHERE user_id = $1', [admin.userId])
  const agent = await addMember(workspace.id, 'agent')
  const viewer = await addMember(workspace.id, 'viewer')
  people = { owner: owner.email, withTwoFactor: admin.email, withoutTwoFactor: agent.email, viewer: viewer.email }
  // The live checks as the hourly job computes them: 2FA fails (not required, three members without it).
  await runTrustChecks(workspace.id)
  const context = await app.browser.newContext()
  await signIn(app.candor.url, context, owner.email)
  ownerCookies = await context.cookies()
  await context.close()
  await mkdir(SHOTS, { recursive: true })
})

async function ownerPage(options: { viewport: typeof DESKTOP; javaScriptEnabled?: boolean }): Promise<Page> {
  const context = await app.browser.newContext(options)
  await context.addCookies(ownerCookies)
  return context.newPage()
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Workspace' })
const menuToggle = (page: Page) => nav(page).locator('summary')
const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

async function currentEntries(page: Page): Promise<string[]> {
  return nav(page).locator('[aria-current="page"]').allTextContents()
}

/** Every link of every group: in sight and inside the screen's width. */
async function expectEveryEntryInSight(page: Page, width: number) {
  for (const [group, labels] of Object.entries(GROUPS)) {
    const list = nav(page).getByRole('list', { name: new RegExp(`^${group}$`, 'i') })
    expect(await list.getByRole('link').allInnerTexts(), group).toEqual(labels)
    for (const label of labels) {
      const link = list.getByRole('link', { name: label, exact: true })
      expect(await link.isVisible(), `${label} is visible`).toBe(true)
      const box = (await link.boundingBox())!
      expect(box.x + box.width, `${label} is inside the screen`).toBeLessThanOrEqual(width)
    }
  }
}

describe('at 1280 px', () => {
  it('shows every group in a sidebar, reaches every page from it and marks the current one', async () => {
    const page = await ownerPage({ viewport: DESKTOP })
    await page.goto(`${app.candor.url}/w/${slug}`)
    expect(await menuToggle(page).isVisible()).toBe(false)
    await expectEveryEntryInSight(page, DESKTOP.width)
    expect(await currentEntries(page)).toEqual(['Overview'])
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/overview-1280.png`, fullPage: true })

    for (const label of Object.values(GROUPS).flat()) {
      await nav(page).getByRole('link', { name: label, exact: true }).click()
      await page.waitForFunction((label) => document.querySelector('nav [aria-current="page"]')?.textContent === label, label)
      await page.getByRole('heading', { level: 1 }).waitFor()
      expect(await currentEntries(page), label).toEqual([label])
      expect(await fitsTheScreen(page), `${label} fits the screen`).toBe(true)
      if (label === 'Requests' || label === 'Members') await page.screenshot({ path: `${SHOTS}/${label.toLowerCase()}-1280.png`, fullPage: true })
    }
    // A page beneath an entry keeps it marked.
    await page.goto(`${app.candor.url}/w/${slug}/security/settings`)
    expect(await currentEntries(page)).toEqual(['Security reports'])
    await page.context().close()
  })

  it('shows a viewer only the pages a viewer may open', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP })
    const page = await signIn(app.candor.url, context, people.viewer)
    await page.goto(`${app.candor.url}/w/${slug}`)
    expect(await nav(page).getByRole('link').allInnerTexts()).toEqual(['Overview', 'Requests', 'Trust page', 'Incidents', 'Audit log', 'Members'])
    // A page the role may not open says so in words, inside the workspace's frame (its navigation stays).
    const refused = await page.goto(`${app.candor.url}/w/${slug}/branding`)
    expect(refused?.status()).toBe(403)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Not allowed')
    expect(await page.getByText('Your role in this workspace does not allow this. Ask an owner or admin.').count()).toBe(1)
    expect(await nav(page).getByRole('link', { name: 'Overview' }).count()).toBe(1)
    await context.close()
  })
})

describe('at 390 px', () => {
  it('opens the menu with JavaScript, and closes it once a page is chosen', async () => {
    const page = await ownerPage({ viewport: PHONE })
    await page.goto(`${app.candor.url}/w/${slug}`)
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/overview-390.png`, fullPage: true })
    const requests = nav(page).getByRole('link', { name: 'Requests', exact: true })
    expect(await requests.isVisible()).toBe(false)
    expect(await menuToggle(page).innerText()).toContain('Overview')

    await menuToggle(page).click()
    await expectEveryEntryInSight(page, PHONE.width)
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/menu-open-390.png`, fullPage: true })
    await requests.click()
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor()
    expect(await requests.isVisible()).toBe(false)
    expect(await currentEntries(page)).toEqual(['Requests'])
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/requests-390.png`, fullPage: true })

    await menuToggle(page).click()
    await nav(page).getByRole('link', { name: 'Members', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor()
    expect(await currentEntries(page)).toEqual(['Members'])
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/members-390.png`, fullPage: true })
    await page.context().close()
  })

  it('opens the menu without JavaScript', async () => {
    const page = await ownerPage({ viewport: PHONE, javaScriptEnabled: false })
    await page.goto(`${app.candor.url}/w/${slug}/requests`)
    const audit = nav(page).getByRole('link', { name: 'Audit log', exact: true })
    expect(await audit.isVisible()).toBe(false)
    await menuToggle(page).click()
    await expectEveryEntryInSight(page, PHONE.width)
    await audit.click()
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor()
    expect(await currentEntries(page)).toEqual(['Audit log'])
    expect(await fitsTheScreen(page)).toBe(true)
    await page.context().close()
  })
})

describe('members and two-factor authentication', () => {
  const row = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email })
  const twoFactorOf = (page: Page, email: string) => row(page, email).locator('[data-label="Two-factor"]').innerText()

  it('shows who has two-factor authentication on, and lists those without it', async () => {
    const page = await ownerPage({ viewport: DESKTOP })
    await page.goto(`${app.candor.url}/w/${slug}/members`)
    expect(await twoFactorOf(page, people.withTwoFactor)).toBe('On')
    expect(await twoFactorOf(page, people.withoutTwoFactor)).toBe('Off')
    expect(await twoFactorOf(page, people.owner)).toBe('Off')
    const summary = page.getByRole('region', { name: 'Two-factor authentication' })
    expect(await summary.innerText()).toContain('3 of 4 members have not set up two-factor authentication. The workspace does not require it.')

    await summary.getByRole('link', { name: 'Without two-factor (3)' }).click()
    await page.waitForURL((url) => url.search === '?twoFactor=off')
    const table = page.getByRole('region', { name: 'Members without two-factor authentication' })
    await table.waitFor()
    expect(await table.innerText()).toContain(people.withoutTwoFactor)
    expect(await table.innerText()).not.toContain(people.withTwoFactor)
    expect(await summary.getByRole('link', { name: 'Without two-factor (3)' }).getAttribute('aria-current')).toBe('page')

    await summary.getByRole('link', { name: 'Require it in Settings' }).click()
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
    await page.context().close()
  })

  it('answers a bad filter with its message, not an error page', async () => {
    const page = await ownerPage({ viewport: DESKTOP })
    for (const value of ['on', 'OFF', 'x'.repeat(5000)]) {
      const response = await page.goto(`${app.candor.url}/w/${slug}/members?twoFactor=${encodeURIComponent(value)}`)
      expect(response!.status()).toBe(400)
      await page.getByRole('alert').filter({ hasText: 'The list can only be narrowed to the members without two-factor authentication' }).waitFor()
      expect(await row(page, people.withTwoFactor).count()).toBe(1)
    }
    // A control character is refused before the page, with its own message.
    const response = await page.goto(`${app.candor.url}/w/${slug}/members?twoFactor=%00`)
    expect(response!.status()).toBe(400)
    await page.getByText('its query contains a control character').waitFor()
    await page.context().close()
  })

  it('links the failing 2FA check on the Overview to the members without it', async () => {
    const page = await ownerPage({ viewport: DESKTOP })
    await page.goto(`${app.candor.url}/w/${slug}`)
    await page.getByRole('link', { name: '2FA required for every member' }).click()
    await page.waitForURL(`${app.candor.url}/w/${slug}/members?twoFactor=off`)
    const table = page.getByRole('region', { name: 'Members without two-factor authentication' })
    expect(await table.innerText()).toContain(people.withoutTwoFactor)
    expect(await table.innerText()).not.toContain(people.withTwoFactor)
    await page.context().close()
  })
})
