// Benchmark: the weight of the dashboard's pages, as a browser with an empty cache loads them.
// The built server runs on this file's database (the demo workspace, with requests filed on its
// portal so the desk has rows); the demo's owner signs in once, and each page is then opened in
// a new browser context that carries the session but no cache, so every script and stylesheet
// is fetched. For each page: the bytes on the wire (response bodies as sent, compressed where
// Candor compresses, plus headers; signed-in documents go uncompressed by design, decision 025),
// split by kind, and the number of requests. The public trust
// page is measured the same way as the baseline.
// PAGE_WEIGHT_ROUNDS (default 3) rounds; each figure is the median of its rounds.
// Run with `npm run bench:page-weight`; one plain JSON line (`… | grep '^{'`). Not part of `npm test`.
import type { Browser, BrowserContextOptions, Request } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { dashboardNav } from '~/modules/workspace/dashboard-nav'
import { launchBrowser } from '../support/browser'
import { median, printFigures } from '../support/bench-figures'
import { findChromium } from '../support/chromium-executable'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { fileOnPortal } from '../support/requests'
import { signIn } from '../support/sign-in'

const ROUNDS = Number(process.env.PAGE_WEIGHT_ROUNDS ?? 3)
const KINDS = ['document', 'script', 'stylesheet', 'image', 'font', 'fetch', 'other'] as const
type Kind = (typeof KINDS)[number]
type Weight = { bytes: number; requests: number; byKind: Record<Kind, number> }

let candor: RunningCandor
let browser: Browser

beforeAll(async () => {
  ;[candor, browser] = await Promise.all([
    startCandor({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    findChromium().then((chromium) => launchBrowser(chromium.path)),
  ])
})
afterAll(async () => {
  await browser?.close()
  await candor?.stop()
})

const kindOf = (request: Request): Kind => {
  const type = request.resourceType()
  return (KINDS as readonly string[]).includes(type) ? (type as Kind) : type === 'xhr' ? 'fetch' : 'other'
}

/** What a cold browser fetches to show `path`, until the network has been idle for 500 ms. */
async function weigh(path: string, session: BrowserContextOptions['storageState']): Promise<Weight> {
  const context = await browser.newContext({
    storageState: session,
    viewport: { width: 1280, height: 800 },
  })
  const page = await context.newPage()
  const finished: Promise<{ kind: Kind; bytes: number }>[] = []
  page.on('requestfinished', (request) => {
    finished.push(
      request.sizes().then((sizes) => ({
        kind: kindOf(request),
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      })),
    )
  })
  const response = await page.goto(`${candor.url}${path}`, {
    waitUntil: 'networkidle',
  })
  expect(response?.status(), path).toBe(200)
  expect(new URL(page.url()).pathname, `${path} was not redirected`).toBe(path)
  const loads = await Promise.all(finished)
  await context.close()
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>
  for (const load of loads) byKind[load.kind] += load.bytes
  return {
    bytes: loads.reduce((sum, load) => sum + load.bytes, 0),
    requests: loads.length,
    byKind,
  }
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10

it('weighs every dashboard page an owner can open, against the public trust page', async () => {
  const filed = []
  for (const n of [1, 2, 3]) {
    filed.push(
      await fileOnPortal(candor.url, 'acme', {
        type: 'access',
        subjectName: `Page Weight ${n}`,
        email: `weight-${n}@example.com`,
      }),
    )
  }
  const signInContext = await browser.newContext()
  await signIn(candor.url, signInContext, 'owner@acme.example')
  const session = await signInContext.storageState()
  await signInContext.close()

  const nav = dashboardNav('owner', 'acme')
  // Every entry of the navigation, and the pages one level below that carry the most: a request,
  // and a section of the trust editor (its live preview renders the public page in the browser).
  const paths = [
    nav.overview.href,
    ...nav.groups.flatMap((group) => group.entries.map((entry) => entry.href)),
    `/w/acme/requests/${filed[0]!.reference}`,
    '/w/acme/trust/overview',
  ]
  const baseline = '/t/acme'
  const rounds = new Map<string, Weight[]>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of [baseline, ...paths]) rounds.set(path, [...(rounds.get(path) ?? []), await weigh(path, session)])
  }
  const summary = (path: string) => {
    const weights = rounds.get(path)!
    return {
      path,
      kb: kb(median(weights.map((w) => w.bytes))),
      requests: median(weights.map((w) => w.requests)),
      ...Object.fromEntries(KINDS.map((kind) => [`${kind}_kb`, kb(median(weights.map((w) => w.byKind[kind])))])),
    }
  }
  const pages = paths.map(summary).sort((a, b) => b.kb - a.kb)
  const heaviest = pages[0]!
  const trustPage = summary(baseline)
  printFigures({
    bench: 'page-weight',
    rounds: ROUNDS,
    heaviest,
    lightest: pages.at(-1),
    median_kb: median(pages.map((p) => p.kb)),
    trust_page: trustPage,
    heaviest_to_trust_page: Math.round((heaviest.kb / trustPage.kb) * 100) / 100,
    pages: pages.map((p) => ({ path: p.path, kb: p.kb, requests: p.requests })),
  })
  expect(heaviest.kb).toBeGreaterThan(0)
})
