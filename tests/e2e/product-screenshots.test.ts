// The pictures of the product on the home page (public/screenshots/): the demo's trust page, a
// privacy request on the desk, and the privacy portal, at one fixed size. Each run takes
// them into test-results/screenshots/product-*.png; UPDATE_SCREENSHOTS=1 also writes them over
// the committed ones. Every run checks that the committed pictures are PNGs of that size, small
// enough for the home page, and that the home page shows each with its alt text, beside the
// guides to run Candor yourself and the link to its source (SOURCE_URL).
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PRODUCT_SCREENSHOTS, SCREENSHOT_SIZE } from '~/modules/marketing/product-screenshots'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { fileOnPortal } from '../support/requests'
import { signIn } from '../support/sign-in'

const SOURCE_URL = 'https://source.example/candor'
const app = serveCandorWithBrowser({ SOURCE_URL })
const TAKEN = path.resolve('test-results/screenshots')
const COMMITTED = path.resolve('public/screenshots')
const MAX_BYTES = 150 * 1024

/** The width and height a PNG's header declares. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** A desk with work in it: an access request filed and confirmed on the portal, the way a person does; its reference. */
async function fillDesk(): Promise<string> {
  const filed = await fileOnPortal(app.candor.url, 'acme', {
    type: 'access',
    subjectName: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    details: 'Please send me a copy of everything you hold about me, including my support conversations.',
  })
  return filed.reference
}

describe('the product screenshots', () => {
  it('photographs the trust page, the request desk and the privacy portal', async () => {
    const reference = await fillDesk()
    const context = await app.browser.newContext({ viewport: SCREENSHOT_SIZE })
    const page = await signIn(app.candor.url, context, 'owner@acme.example')
    const pages = { 'trust-page': '/t/acme', desk: `/w/acme/requests/${reference}`, portal: '/p/acme' }
    await mkdir(TAKEN, { recursive: true })
    for (const shot of PRODUCT_SCREENSHOTS) {
      const response = await page.goto(`${app.candor.url}${pages[shot.name]}`, { waitUntil: 'networkidle' })
      expect(response?.status(), shot.name).toBe(200)
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      const file = path.join(TAKEN, `product-${shot.name}.png`)
      await page.screenshot({ path: file })
      expect(pngSize(await readFile(file))).toEqual(SCREENSHOT_SIZE)
      if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(file, path.join(COMMITTED, `${shot.name}.png`))
    }
    // The home page that shows them, for people to look at.
    await page.goto(app.candor.url, { waitUntil: 'networkidle' })
    await page.screenshot({ path: path.join(TAKEN, 'home.png'), fullPage: true })
    await context.close()
  })

  it('has each committed picture at the fixed size and small, and the home page shows it with its alt text', async () => {
    const home = await (await fetch(app.candor.url)).text()
    // The source code and the guides to run it yourself.
    expect(home).toContain(`href="${SOURCE_URL}"`)
    for (const guide of ['deploy-node', 'deploy-compose', 'deploy-fly']) expect(home).toContain(`href="/docs/${guide}"`)
    for (const shot of PRODUCT_SCREENSHOTS) {
      const bytes = await readFile(path.join(COMMITTED, `${shot.name}.png`))
      expect(pngSize(bytes), shot.name).toEqual(SCREENSHOT_SIZE)
      expect(bytes.length, shot.name).toBeLessThanOrEqual(MAX_BYTES)
      expect(home).toContain(`src="/screenshots/${shot.name}.png"`)
      expect(home).toContain(`alt="${shot.alt}"`)
      expect((await fetch(`${app.candor.url}/screenshots/${shot.name}.png`)).status).toBe(200)
    }
  })
})
