// The Branding page in a browser, as an owner uses it: with JavaScript at 1280 px (upload a
// logo, type a colour too light and see its ratio live, take the darker shade offered), then
// without JavaScript at 390 px (another colour, an SVG refused, the logo removed); after each,
// the trust page and the privacy portal show the logo (alt text: the company's name) and the
// colour. Screenshots of the page, the trust page and the portal at both widths go to
// /tmp/shots-branding/.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkAccent } from '~/modules/branding/accent-colour'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { publishDraft, saveDraftSection } from '~/modules/trust/trust-page.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { makeWorkspace } from '../support/factories'
import { SVG_LOGO, pngWithTextAndPayload } from '../support/logo-files'
import { signIn } from '../support/sign-in'

const app = serveCandorWithBrowser()
const SHOTS = '/tmp/shots-branding'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let workspace: { id: string; slug: string; name: string }
let ownerCookies: Awaited<ReturnType<BrowserContext['cookies']>>

// Publishing enqueues the live checks.
beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

beforeAll(async () => {
  const made = await makeWorkspace()
  workspace = made.workspace
  const acting = { tenant: { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } as const }, userId: null, workspaceName: workspace.name }
  await saveDraftSection(acting, 'overview', { headline: `Security at ${workspace.name}`, summary: 'We keep your data safe and say how.' }, {})
  await publishDraft(acting, {})
  const context = await app.browser.newContext()
  await signIn(app.candor.url, context, made.owner.email)
  ownerCookies = await context.cookies()
  await context.close()
  await mkdir(SHOTS, { recursive: true })
})

async function ownerPage(options: { viewport: typeof DESKTOP; javaScriptEnabled?: boolean }): Promise<Page> {
  const context = await app.browser.newContext(options)
  await context.addCookies(ownerCookies)
  return context.newPage()
}

async function shoot(page: Page, name: string) {
  for (const [width, size] of [['1280', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(size)
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true })
  }
}

/** The accent the page's branded part computes, and its header logo (src, alt, loaded). */
async function brandOn(page: Page) {
  return page.evaluate(() => {
    const scope = document.querySelector('[data-brand]')
    const logo = document.querySelector<HTMLImageElement>('header img')
    return {
      accent: scope ? getComputedStyle(scope).getPropertyValue('--color-brand-600').trim() : null,
      logo: logo ? { src: new URL(logo.src).pathname, alt: logo.alt, loaded: logo.complete && logo.naturalWidth > 0 } : null,
    }
  })
}

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

async function storedBranding() {
  const { rows } = await ownerPool().query('SELECT accent_color, logo_sha256 FROM workspace_branding WHERE workspace_id = $1', [workspace.id])
  return rows[0] as { accent_color: string | null; logo_sha256: string | null } | undefined
}

describe('branding a workspace', () => {
  it('with JavaScript: uploads a logo, refuses a light colour with its ratio, takes the darker shade; the trust page and portal show both', async () => {
    const page = await ownerPage({ viewport: DESKTOP })
    await page.goto(`${app.candor.url}/w/${workspace.slug}/branding`)
    await page.getByRole('heading', { level: 1, name: 'Branding' }).waitFor()
    // Reached from the side navigation's Workspace group.
    expect(await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Branding' }).getAttribute('aria-current')).toBe('page')

    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await pngWithTextAndPayload() })
    await page.getByRole('button', { name: 'Upload logo' }).click()
    await page.getByRole('status').getByText('The new logo is saved (512 × 192 pixels)').waitFor()
    const saved = await storedBranding()
    expect(saved?.logo_sha256).toMatch(/^[0-9a-f]{64}$/)

    // A colour too light: said live as it is typed, then refused by the server with a darker shade to use.
    const light = '#ffcc00'
    const { suggestion } = checkAccent(light) as { suggestion: string }
    await page.getByLabel('Colour', { exact: true }).fill(light)
    await page.locator('#accentColor-live').getByText('has a contrast of 1.5:1 with white').waitFor()
    await page.getByText('With the colour you are typing, not saved yet.').waitFor()
    await page.getByRole('button', { name: 'Save colour' }).click()
    await page.locator('#accentColor-error').getByText(`A darker shade such as ${suggestion}`).waitFor()
    expect((await storedBranding())?.accent_color).toBeNull()
    await page.getByRole('button', { name: `Use ${suggestion} instead` }).click()
    await page.getByRole('status').getByText(`The accent colour is now ${suggestion}.`).waitFor()
    expect((await storedBranding())?.accent_color).toBe(suggestion)
    // The page, its field and its preview show the saved colour, nothing typed before.
    await page.getByText(`Your accent colour is ${suggestion}.`).waitFor()
    expect(await page.getByLabel('Colour', { exact: true }).inputValue()).toBe(suggestion)
    await page.getByText('As your trust page shows it now.').waitFor()
    expect(await page.locator('section[aria-labelledby="preview-heading"] [data-brand]').evaluate((box) => getComputedStyle(box).getPropertyValue('--color-brand-600').trim())).toBe(suggestion)
    await shoot(page, 'branding-page')

    const trust = await page.context().newPage()
    await trust.setViewportSize(DESKTOP)
    await trust.goto(`${app.candor.url}/t/${workspace.slug}`, { waitUntil: 'networkidle' })
    expect(await brandOn(trust)).toEqual({
      accent: suggestion,
      logo: { src: `/t/${workspace.slug}/logo/${saved!.logo_sha256!.slice(0, 16)}.png`, alt: workspace.name, loaded: true },
    })
    await shoot(trust, 'trust-page')

    await trust.goto(`${app.candor.url}/p/${workspace.slug}`, { waitUntil: 'networkidle' })
    expect(await brandOn(trust)).toEqual({
      accent: suggestion,
      logo: { src: `/t/${workspace.slug}/logo/${saved!.logo_sha256!.slice(0, 16)}.png`, alt: workspace.name, loaded: true },
    })
    expect(await trust.getByRole('button', { name: 'Send request' }).evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(rgb(suggestion))
    await shoot(trust, 'portal')

    // A trust page's other pages (the disclosure policy) wear the brand too.
    await trust.goto(`${app.candor.url}/t/${workspace.slug}/security`, { waitUntil: 'networkidle' })
    expect((await brandOn(trust)).accent).toBe(suggestion)
    await page.context().close()
  })

  it('without JavaScript: sets a colour, refuses an SVG in words, removes the logo; the pages follow', async () => {
    const page = await ownerPage({ viewport: PHONE, javaScriptEnabled: false })
    await page.goto(`${app.candor.url}/w/${workspace.slug}/branding`)
    await page.getByRole('heading', { level: 1, name: 'Branding' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

    await page.getByLabel('Colour', { exact: true }).fill('#0f5a3c')
    await page.getByRole('button', { name: 'Save colour' }).click()
    await page.getByRole('status').getByText('The accent colour is now #0f5a3c.').waitFor()

    await page.getByLabel('Replace the logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG_LOGO) })
    await page.getByRole('button', { name: 'Upload logo' }).click()
    await page.locator('#logo-error').getByText('SVG logos are not accepted').waitFor()
    // The logo stored before is still the one shown.
    expect(await page.locator('#logo img').getAttribute('alt')).toBe(workspace.name)

    await page.getByRole('button', { name: 'Remove logo' }).click()
    await page.getByRole('status').getByText('The logo is removed').waitFor()
    expect((await storedBranding())?.logo_sha256).toBeNull()

    await page.goto(`${app.candor.url}/t/${workspace.slug}`)
    expect(await brandOn(page)).toEqual({ accent: '#0f5a3c', logo: null })
    await page.getByRole('link', { name: new RegExp(`^${workspace.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Trust Center$`) }).waitFor()
    await page.goto(`${app.candor.url}/p/${workspace.slug}`)
    expect(await brandOn(page)).toEqual({ accent: '#0f5a3c', logo: null })
    await page.context().close()
  })
})
