// Two layout faults of the dashboard, in a browser at 1280 and 390 px: the request inbox's
// filter row gives each select the width of its longest label (it used to cut "Waiting for the
// requester"), and the account bar keeps to two lines on a phone (the workspace's name on the
// second), its account links in a menu that opens without JavaScript. Screenshots go to /tmp/shots-outline/.
import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-outline'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let slug = ''
let email = ''
let cookies: Awaited<ReturnType<BrowserContext['cookies']>>

beforeAll(async () => {
  const { workspace, owner } = await makeWorkspace()
  slug = workspace.slug
  email = owner.email
  const context = await app.browser.newContext()
  await signIn(app.candor.url, context, owner.email)
  cookies = await context.cookies()
  await context.close()
  await mkdir(SHOTS, { recursive: true })
})

async function ownerPage(viewport: typeof DESKTOP, javaScriptEnabled = true): Promise<Page> {
  const context = await app.browser.newContext({ viewport, javaScriptEnabled })
  await context.addCookies(cookies)
  return context.newPage()
}

/** How many pixels a select's box lacks to show its longest option (text, padding and arrow); 0 when it fits. */
const missingWidth = (page: Page, id: string) =>
  page.locator(`select#${id}`).evaluate((select: HTMLSelectElement) => {
    const style = getComputedStyle(select)
    const context = document.createElement('canvas').getContext('2d')!
    context.font = style.font
    const longest = Math.max(...[...select.options].map((option) => context.measureText(option.text).width))
    const arrow = 24
    const inner = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow
    return Math.max(0, Math.ceil(longest - inner))
  })

const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe.each([
  ['1280 px', DESKTOP],
  ['390 px', PHONE],
])('the request inbox at %s', (name, viewport) => {
  it('shows each filter select wide enough for its longest label', async () => {
    const page = await ownerPage(viewport)
    await page.goto(`${app.candor.url}/w/${slug}/requests`)
    await page.locator('select#state').selectOption({ label: 'Waiting for the requester' })
    expect(await missingWidth(page, 'state')).toBe(0)
    expect(await missingWidth(page, 'type')).toBe(0)
    expect(await fitsTheScreen(page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/requests-${name.replace(' ', '')}.png`, fullPage: false })
  })
})

/** The vertical centres of the bar's visible parts, grouped into lines. */
async function barLines(page: Page): Promise<number> {
  const header = page.locator('header').first()
  const parts = [
    header.getByRole('link', { name: 'Candor' }),
    header.locator('.badge'),
    header.locator('span[title]'),
    page.getByRole('navigation', { name: 'Account' }).locator(':scope > *:visible'),
  ]
  const centres: number[] = []
  for (const part of parts) {
    for (const box of await part.all()) {
      const b = (await box.boundingBox())!
      centres.push(b.y + b.height / 2)
    }
  }
  centres.sort((a, b) => a - b)
  return centres.filter((y, i) => i === 0 || y - centres[i - 1]! > 12).length
}

describe('the account bar', () => {
  it('is two lines on a phone, the second the workspace’s, its links in a menu that opens without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await ownerPage(PHONE, javaScriptEnabled)
      await page.goto(`${app.candor.url}/w/${slug}`)
      if (javaScriptEnabled) await page.locator('header').first().screenshot({ path: `${SHOTS}/account-bar-390.png` })
      expect(await barLines(page)).toBe(2)
      const account = page.getByRole('navigation', { name: 'Account' })
      expect(await account.getByRole('link', { name: 'Sessions' }).isVisible()).toBe(false)
      await account.getByText('Account', { exact: false }).first().click()
      expect(await account.getByText(`Signed in as ${email}`).isVisible()).toBe(true)
      for (const label of ['Two-factor', 'Sessions', 'Notifications']) expect(await account.getByRole('link', { name: label }).isVisible()).toBe(true)
      expect(await account.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
      expect(await fitsTheScreen(page)).toBe(true)
      if (javaScriptEnabled) await page.screenshot({ path: `${SHOTS}/account-menu-390.png` })
      await account.getByRole('link', { name: 'Sessions' }).click()
      await page.waitForURL(/\/account\/sessions$/)
      expect(await barLines(page)).toBe(1)
      await page.context().close()
    }
  })

  it('shows the e-mail and every link in one line at 1280 px', async () => {
    const page = await ownerPage(DESKTOP)
    await page.goto(`${app.candor.url}/w/${slug}`)
    const account = page.getByRole('navigation', { name: 'Account' })
    expect(await account.getByText(email, { exact: true }).isVisible()).toBe(true)
    expect(await account.getByRole('link', { name: 'Sessions' }).isVisible()).toBe(true)
    expect(await barLines(page)).toBe(1)
    await page.locator('header').first().screenshot({ path: `${SHOTS}/account-bar-1280.png` })
  })
})
