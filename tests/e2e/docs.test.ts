// The documentation site as a self-hoster reads it: the grouped navigation walked page by page,
// previous and next, the search with JavaScript and without, a 404 for an unknown page, and
// every link inside every page answering 200. Screenshots go to test-results/screenshots/docs-*.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DOC_PAGES } from '~/modules/docs/site.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'

const app = serveCandorWithBrowser()
const SCREENSHOTS = path.resolve('test-results/screenshots')
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()
const docsNav = (page: Page) => page.getByRole('navigation', { name: 'Documentation' })

describe('the documentation', () => {
  it('walks every page from the grouped navigation, each marked as the current one', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP })
    const page = await context.newPage()
    await page.goto(`${app.candor.url}/docs`)
    expect(await heading(page)).toBe('Candor documentation')
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-front-page.png') })
    for (const group of ['Start here', 'Trust center', 'Privacy requests', 'Workspace', 'Integrate', 'Run it yourself']) {
      expect(await docsNav(page).getByRole('list', { name: group }).isVisible(), group).toBe(true)
    }
    for (const doc of DOC_PAGES) {
      await docsNav(page).getByRole('link', { name: doc.title, exact: true }).click()
      await page.waitForURL(`${app.candor.url}/docs/${doc.slug}`)
      expect(await heading(page)).toBe(doc.title)
      expect(await docsNav(page).locator('a[aria-current="page"]:visible').textContent()).toBe(doc.title)
      expect(await page.title()).toBe(`${doc.title} — Candor docs`)
    }
    await page.goto(`${app.candor.url}/docs/deploy-node`)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-page-desktop.png') })
    await context.close()
  })

  it('follows next and previous through the whole reading order', async () => {
    const context = await app.browser.newContext({ viewport: PHONE })
    const page = await context.newPage()
    await page.goto(`${app.candor.url}/docs/${DOC_PAGES[0]!.slug}`)
    expect(await page.locator('a[rel="prev"]').count()).toBe(0)
    for (const doc of DOC_PAGES.slice(1)) {
      await page.locator('a[rel="next"]').click()
      await page.waitForURL(`${app.candor.url}/docs/${doc.slug}`)
      expect(await heading(page)).toBe(doc.title)
    }
    expect(await page.locator('a[rel="next"]').count()).toBe(0)
    await page.locator('a[rel="prev"]').click()
    await page.waitForURL(`${app.candor.url}/docs/${DOC_PAGES.at(-2)!.slug}`)
    // On a phone the navigation folds away and opens on demand.
    const allPages = docsNav(page).getByRole('link', { name: 'Getting started', exact: true })
    expect(await allPages.isVisible()).toBe(false)
    await docsNav(page).getByText('All documentation pages').click()
    expect(await allPages.isVisible()).toBe(true)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-page-phone.png') })
    await context.close()
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`searches titles and text ${javaScriptEnabled ? 'with' : 'without'} JavaScript, with snippets`, async () => {
      const context = await app.browser.newContext({ viewport: DESKTOP, javaScriptEnabled })
      const page = await context.newPage()
      await page.goto(`${app.candor.url}/docs/getting-started`)
      await page.getByRole('searchbox', { name: 'Search the documentation' }).fill('rotate KEK')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.waitForURL(/\/docs\?q=rotate\+KEK$/)
      expect(await page.getByRole('status').textContent()).toMatch(/^\d+ pages? mentions? every word of “rotate KEK”\.$/)
      const results = page.getByRole('main').getByRole('listitem')
      const titles = await results.getByRole('link').allTextContents()
      expect(titles).toContain('Operations')
      const operations = results.filter({ has: page.getByRole('link', { name: 'Operations', exact: true }) })
      expect((await operations.locator('mark').allTextContents()).map((word) => word.toLowerCase())).toContain('kek')
      // The words stay in the box, and a search for nothing anywhere says so.
      expect(await page.getByRole('searchbox').inputValue()).toBe('rotate KEK')
      if (javaScriptEnabled) await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-search.png') })
      await page.goto(`${app.candor.url}/docs?q=${encodeURIComponent('quokka zeppelin')}`)
      expect(await page.getByRole('status').textContent()).toBe('No page mentions every word of “quokka zeppelin”.')
      await context.close()
    })
  }

  it('answers a query it cannot take with 400 and a message, and an unknown page with 404 and the navigation', async () => {
    for (const [query, message] of [
      ['x', 'Type at least two characters to search.'],
      ['a'.repeat(101), 'Search for at most 100 characters.'],
      ['KEK\u2028rotation', 'Search for plain words, without control characters.'],
      ['KEK\u0000rotation', 'The address is not valid: its query contains a control character.'],
    ]) {
      const response = await fetch(`${app.candor.url}/docs?q=${encodeURIComponent(query!)}`)
      expect(response.status, query).toBe(400)
      expect(await response.text()).toContain(message)
    }
    for (const slug of ['no-such-page', 'DEPLOY-NODE', 'deploy-node.md', '%C3%A9t%C3%A9', 'a'.repeat(200), '..%2Fpackage.json']) {
      const response = await fetch(`${app.candor.url}/docs/${slug}`)
      expect(response.status, slug).toBe(404)
      const html = await response.text()
      expect(html).toContain('The documentation has no page at this address.')
      expect(html).toContain('href="/docs/getting-started"')
    }
  })

  it('links only to pages that answer 200, from every page', async () => {
    const checked = new Map<string, number>()
    for (const doc of ['/docs', ...DOC_PAGES.map((d) => `/docs/${d.slug}`)]) {
      const html = await (await fetch(`${app.candor.url}${doc}`)).text()
      const links = [...html.matchAll(/href="(\/[^"#]*)/g)].map((match) => match[1]!.replaceAll('&amp;', '&'))
      expect(links.length, doc).toBeGreaterThan(0)
      for (const link of links.filter((l) => !l.startsWith('/assets/') && !checked.has(l))) {
        checked.set(link, (await fetch(`${app.candor.url}${link}`, { redirect: 'manual' })).status)
      }
    }
    expect([...checked].filter(([, status]) => status !== 200)).toEqual([])
    // The pages do link to each other and to the API's description.
    expect([...checked.keys()]).toEqual(expect.arrayContaining(['/docs/deploy-node', '/api/v1/openapi.json', '/docs/operations']))
  })
})
