// Serving a public trust page fast. Each instance keeps the rendered HTML of each workspace's
// page keyed by the workspace's version stamp; before answering it asks the database for the
// stamp (one statement, shared by the requests that arrive while it runs) and renders
// again only when the stamp moved (a publish, new check results, a sub-processor change,
// through any instance) or a check turned stale. Responses carry an ETag and may be kept by
// shared caches for a minute: they never vary per visitor (no cookie, no nonce, no script).
// Each rendered page is compressed once (brotli and gzip) and sent per Accept-Encoding.
import { createHash } from 'node:crypto'
import { renderToStaticMarkup } from 'react-dom/server'
import stylesheet from '~/components/trust-page.css?url'
import { TrustPageDocument, type TrustCheckView, type TrustPageView } from '~/components/trust-page'
import type { BrandView } from '~/modules/branding/brand-paths'
import { loadBrand } from '~/modules/branding/branding.server'
import { env } from '~/modules/config/env.server'
import { loadDpaSetup } from '~/modules/dpa/settings.server'
import { db } from '~/modules/db/client.server'
import { type Tx, withPublicWorkspace } from '~/modules/db/tenant.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { sectionHtml } from './section-html'
import { compressBrotli, compressGzip } from '~/modules/http/compress.server'
import { type StoredEncoding, chooseEncoding } from '~/modules/http/content-encoding'
import { compressionPolicy } from '~/modules/http/compression-policy'
import { publishedPlatformIncidents } from '~/modules/platform-incidents/published.server'
import { CHECK_IDS, type CheckId, checkState, staleAt } from './checks'
import { type TrustContent, readContent } from './content'
import { formatBytes, typeOfContentType } from './document-types'
import { currentNda } from './documents.server'
import { contentShown } from './page-sections'
import { subprocessorLinks } from './subprocessor-links'

export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600'
/** Scripts: none. The document's CSP asks browsers to run none, whatever else is allowed. */
export const TRUST_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type Stamp = { workspaceId: string; name: string; stamp: bigint }

/** The page's bytes in one content coding, and the ETag of that representation. */
type Representation = { bytes: Uint8Array<ArrayBuffer>; etag: string }

type Entry = {
  stamp: bigint
  name: string
  status: 200 | 404
  html: string
  /** The same, encoded once. */
  bytes: Uint8Array<ArrayBuffer>
  etag: string
  /** A published page compressed once, unless COMPRESSION=off. */
  compressed?: Record<StoredEncoding, Representation>
  /** When a check shown as fresh turns stale: the page must be rendered again by then. */
  renderAgainAt: number
}

// ---------------------------------------------------------------------------------------------
// The stamp look-up, coalesced: a request joins the next look-up that starts after it arrived
// (never one already running, which could miss a publish committed just before the request),
// so 100 concurrent requests cost about two statements instead of 100.

const running = new Map<string, Promise<Stamp | null>>()
const waiting = new Map<string, Promise<Stamp | null>>()

/**
 * The stamp in one statement: app_public_trust_stamp (migration 20261125045000) does what
 * withPublicWorkspace's first step does — the public slug setting, row-level security's
 * workspace_public policy — without an interactive transaction's six round trips.
 */
async function readStamp(slug: string): Promise<Stamp | null> {
  const rows = await db().$queryRaw<{ id: string; name: string; trust_stamp: bigint }[]>`
    SELECT "id", "name", "trust_stamp" FROM app_public_trust_stamp(${slug})`
  const row = rows[0]
  return row ? { workspaceId: row.id, name: row.name, stamp: BigInt(row.trust_stamp) } : null
}

function startLookup(slug: string): Promise<Stamp | null> {
  const lookup = readStamp(slug).finally(() => {
    if (running.get(slug) === lookup) running.delete(slug)
  })
  running.set(slug, lookup)
  return lookup
}

export function currentStamp(slug: string): Promise<Stamp | null> {
  const queued = waiting.get(slug)
  if (queued) return queued
  const current = running.get(slug)
  if (!current) return startLookup(slug)
  const next = current
    .catch(() => null)
    .then(() => {
      waiting.delete(slug)
      return startLookup(slug)
    })
  waiting.set(slug, next)
  return next
}

// ---------------------------------------------------------------------------------------------
// The rendered pages, per workspace (bounded: the least recently rendered goes first).

const MAX_ENTRIES = 1000
const pages = new Map<string, Entry>()
const rendering = new Map<string, Promise<Entry>>()

function remember(workspaceId: string, entry: Entry) {
  pages.delete(workspaceId)
  pages.set(workspaceId, entry)
  if (pages.size > MAX_ENTRIES) pages.delete(pages.keys().next().value!)
}

let renders = 0
let compressions = 0

/** How many times this instance rendered a page (tests and the benchmark look at it). */
export const trustPageRenders = () => renders
/** How many times this instance compressed a page, one per coding (tests look at it). */
export const trustPageCompressions = () => compressions

/** Forget every cached page (tests). */
export function clearTrustPageCache() {
  pages.clear()
}

const encoder = new TextEncoder()
const encode = (html: string) => encoder.encode(html)
const etagOf = (html: string) => `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`

const CODINGS: readonly StoredEncoding[] = ['br', 'gzip']
/** A tag per coding: a cache must never take one coding's bytes for another's (RFC 9110 8.8.3). */
const ETAG_SUFFIX: Record<StoredEncoding, string> = { br: '-br', gzip: '-gz' }

/** Once per rendered page, at the highest quality, off the event loop; tagged like the HTML. */
async function compressPage(bytes: Uint8Array<ArrayBuffer>, etag: string): Promise<Record<StoredEncoding, Representation>> {
  compressions += CODINGS.length
  const [br, gzip] = await Promise.all([compressBrotli(bytes), compressGzip(bytes)])
  const representation = (coding: StoredEncoding, compressed: Buffer) => ({
    bytes: new Uint8Array(compressed),
    etag: `${etag.slice(0, -1)}${ETAG_SUFFIX[coding]}"`,
  })
  return { br: representation('br', br), gzip: representation('gzip', gzip) }
}

// ---------------------------------------------------------------------------------------------

type LoadedPage = {
  content: TrustContent
  version: { number: number; publishedAt: Date; contentSha256: string } | null
  subprocessors: TrustPageView['subprocessors']
  documents: TrustPageView['documents']
  checks: { check: string; passed: boolean; summary: string; checkedAt: Date; passedAt: Date | null; holdsUntil: Date | null }[]
  /** Whether the workspace offers its DPA to sign (its settings and template versions move the stamp). */
  dpaOffered: boolean
  /** Whether gated documents can be requested: an NDA exists (a new version moves the stamp). */
  ndaOffered: boolean
  /** Candor's own page only; a change to a published incident moves the platform workspace's stamp. */
  platformIncidents: TrustPageView['platformIncidents']
  /** Its logo and accent colour (a change moves the stamp). */
  brand: BrandView
}

/** What the page shows, read in the public workspace's transaction. */
export async function loadPublicPage(tx: Tx, workspace: { id: string; name: string; slug: string }, draft?: TrustContent): Promise<LoadedPage | null> {
  const version = draft ? null : await tx.trustPageVersion.findFirst({ orderBy: { number: 'desc' } })
  if (!draft && !version) return null
  const rows = await tx.subprocessor.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] })
  const checks = await tx.trustCheckResult.findMany()
  // The same questions the DPA and document-request pages ask, so a link is shown only when it leads somewhere.
  const dpaOffered = (await loadDpaSetup(tx)) !== null
  const ndaOffered = (await currentNda(tx)) !== null
  const documents = await tx.trustDocument.findMany({ where: { removedAt: null }, orderBy: [{ title: 'asc' }, { createdAt: 'asc' }] })
  return {
    content: draft ?? readContent(version!.content, workspace.name),
    version: version ? { number: version.number, publishedAt: version.publishedAt, contentSha256: version.contentSha256 } : null,
    subprocessors: rows.map((row) => ({
      name: row.name,
      purpose: row.purpose,
      dataCategories: row.dataCategories,
      region: row.region,
      certifications: row.certifications,
      // Saved as https only; checked again because the page links to it.
      policyUrl: row.policyUrl?.startsWith('https://') ? row.policyUrl : null,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      visibility: d.visibility,
      about: `${typeOfContentType(d.contentType)?.label ?? 'File'}, ${formatBytes(Number(d.bytes))}`,
    })),
    checks,
    dpaOffered,
    ndaOffered,
    platformIncidents: workspace.slug === platformWorkspaceSlug() ? await publishedPlatformIncidents(tx) : [],
    brand: await loadBrand(tx, workspace.slug),
  }
}

/** The page as HTML, and when it must be rendered again because a check turns stale. */
export function renderTrustPage(
  workspace: { name: string; slug: string },
  page: LoadedPage,
  options: { now: Date; preview?: boolean; pagePath?: string },
): { html: string; renderAgainAt: number } {
  const { view, renderAgainAt } = trustPageView(workspace, page, options)
  return { html: `<!DOCTYPE html>${renderToStaticMarkup(<TrustPageDocument view={view} />)}`, renderAgainAt }
}

/** What the page shows (also the dashboard editor's preview), and when a check it shows turns stale. */
export function trustPageView(
  workspace: { name: string; slug: string },
  page: LoadedPage,
  options: { now: Date; preview?: boolean; pagePath?: string },
): { view: TrustPageView; renderAgainAt: number } {
  const content = contentShown(page.content, page)
  const checks: Partial<Record<CheckId, TrustCheckView>> = {}
  let renderAgainAt = Number.POSITIVE_INFINITY
  for (const id of CHECK_IDS) {
    const row = page.checks.find((c) => c.check === id)
    const stored = row
      ? { passed: row.passed, checkedAt: row.checkedAt, passedAt: row.passedAt, summary: row.summary, holdsUntil: row.holdsUntil }
      : undefined
    checks[id] = {
      id,
      state: checkState(stored, options.now),
      summary: row?.summary ?? '',
      checkedAt: row?.checkedAt.toISOString() ?? null,
      passedAt: row?.passedAt?.toISOString() ?? null,
    }
    const turns = staleAt(stored, options.now)
    if (turns) renderAgainAt = Math.min(renderAgainAt, turns.getTime())
  }
  const notices = subprocessorLinks('', workspace.slug)
  const view: TrustPageView = {
    workspace,
    content,
    html: sectionHtml(content),
    version: page.version
      ? { number: page.version.number, publishedAt: page.version.publishedAt.toISOString(), sha256: page.version.contentSha256 }
      : null,
    subprocessors: page.subprocessors,
    documents: page.documents,
    ndaOffered: page.ndaOffered,
    checks,
    platformIncidents: page.platformIncidents,
    links: {
      page: options.pagePath ?? `/t/${workspace.slug}`,
      portal: `/p/${workspace.slug}`,
      disclosure: `/t/${workspace.slug}/security`,
      subprocessorUpdates: notices.subscribe,
      subprocessorChanges: notices.changes,
      ...(page.dpaOffered ? { dpa: `/t/${workspace.slug}/dpa` } : {}),
    },
    stylesheet,
    brand: page.brand,
    preview: options.preview ?? false,
  }
  return { view, renderAgainAt }
}

const NOT_PUBLISHED = (name: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>Page not found</title><link rel="stylesheet" href="${stylesheet}"></head><body class="font-sans text-slate-800">` +
  `<main class="mx-auto max-w-2xl px-6 py-24"><h1 class="text-3xl font-semibold">Page not found</h1>` +
  `<p class="mt-4 text-lg text-slate-600">${escapeHtml(name)} has not published a trust page yet.</p>` +
  `<p class="mt-8"><a class="text-brand-700 underline" href="/">Back to the home page</a></p></main></body></html>`

const NO_WORKSPACE =
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>Page not found</title><link rel="stylesheet" href="${stylesheet}"></head><body class="font-sans text-slate-800">` +
  `<main class="mx-auto max-w-2xl px-6 py-24"><h1 class="text-3xl font-semibold">Page not found</h1>` +
  `<p class="mt-4 text-lg text-slate-600">There is no trust page at this address.</p>` +
  `<p class="mt-8"><a class="text-brand-700 underline" href="/">Back to the home page</a></p></main></body></html>`

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

async function renderEntry(slug: string, stamp: Stamp, pagePath: string): Promise<Entry> {
  renders++
  const now = new Date()
  const result = await withPublicWorkspace(slug, async (tx, workspace) => {
    // Read the stamp again in this transaction: the entry is keyed by what was rendered.
    const row = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { trustStamp: true } })
    return { stamp: row.trustStamp, page: await loadPublicPage(tx, workspace) }
  })
  if (!result) return { stamp: stamp.stamp, name: stamp.name, status: 404, html: NO_WORKSPACE, bytes: encode(NO_WORKSPACE), etag: etagOf(NO_WORKSPACE), renderAgainAt: 0 }
  if (!result.page) {
    const html = NOT_PUBLISHED(stamp.name)
    return { stamp: result.stamp, name: stamp.name, status: 404, html, bytes: encode(html), etag: etagOf(html), renderAgainAt: Number.POSITIVE_INFINITY }
  }
  const { html, renderAgainAt } = renderTrustPage({ name: stamp.name, slug }, result.page, { now, pagePath })
  const bytes = encode(html)
  const etag = etagOf(html)
  const compressed = compressionPolicy(env()).stored ? await compressPage(bytes, etag) : undefined
  return { stamp: result.stamp, name: stamp.name, status: 200, html, bytes, etag, compressed, renderAgainAt }
}

const isCurrent = (entry: Entry | undefined, stamp: Stamp): entry is Entry =>
  entry !== undefined && entry.stamp === stamp.stamp && entry.name === stamp.name && Date.now() < entry.renderAgainAt

/** The cached page of `slug` if still current, else a fresh render (one at a time per page). */
async function pageFor(slug: string, pagePath: string): Promise<Entry | null> {
  const stamp = await currentStamp(slug)
  if (!stamp) return null
  const key = `${stamp.workspaceId}:${pagePath}`
  const cached = pages.get(key)
  if (isCurrent(cached, stamp)) return cached
  const inFlight = rendering.get(key)
  if (inFlight) {
    const entry = await inFlight
    if (entry.stamp >= stamp.stamp) return entry
  }
  const job = renderEntry(slug, stamp, pagePath).finally(() => {
    if (rendering.get(key) === job) rendering.delete(key)
  })
  rendering.set(key, job)
  const entry = await job
  remember(key, entry)
  return entry
}

function matches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim()
    return candidate === '*' || candidate.replace(/^W\//, '') === etag
  })
}

export type PageAnswer = { status: 200 | 304 | 404; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> | null }

type Asked = { ifNoneMatch: string | null | undefined; acceptEncoding: string | null | undefined; method: string }

/**
 * The answer to a GET or HEAD for a page: 200 in the coding the asker accepts best, 304 when
 * their copy of that representation is current, or 404.
 */
function answer(entry: Entry | null, asked: Asked): PageAnswer {
  const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': TRUST_PAGE_CSP }
  const head = asked.method === 'HEAD'
  if (!entry || entry.status === 404) {
    // The first publish must show at once: nothing keeps a "not yet" page.
    headers['Cache-Control'] = 'no-store'
    return { status: 404, headers, body: head ? null : (entry?.bytes ?? encode(NO_WORKSPACE)) }
  }
  headers['Cache-Control'] = CACHE_CONTROL
  let sent: Representation = entry
  if (entry.compressed) {
    headers.Vary = 'Accept-Encoding'
    const coding = chooseEncoding(asked.acceptEncoding ?? undefined, CODINGS)
    if (coding !== 'identity') {
      headers['Content-Encoding'] = coding
      sent = entry.compressed[coding]
    }
  }
  headers.ETag = sent.etag
  if (matches(asked.ifNoneMatch, sent.etag)) return { status: 304, headers, body: null }
  headers['Content-Length'] = String(sent.bytes.length)
  return { status: 200, headers, body: head ? null : sent.bytes }
}

/**
 * The response for GET /t/:slug (or /trust): 200 with the page, 304 when the browser's or a
 * cache's copy is current, 404 with a short page when nothing is published.
 */
export async function trustPageResponse(request: Request, slug: string, pagePath = `/t/${slug}`): Promise<Response> {
  const result = answer(await pageFor(slug, pagePath), {
    ifNoneMatch: request.headers.get('if-none-match'),
    acceptEncoding: request.headers.get('accept-encoding'),
    method: request.method,
  })
  return new Response(result.body, { status: result.status, headers: result.headers })
}

/**
 * The answer from this instance's cache alone, or null when the page must be rendered (or does
 * not exist): the HTTP server asks this before React Router, which renders on a miss
 * (docs/decisions/012-trust-page-cache.md). The stamp is still read from the database.
 */
export async function cachedTrustPage(slug: string, pagePath: string, asked: Asked): Promise<PageAnswer | null> {
  const stamp = await currentStamp(slug)
  if (!stamp) return null
  const cached = pages.get(`${stamp.workspaceId}:${pagePath}`)
  if (!isCurrent(cached, stamp) || cached.status !== 200) return null
  return answer(cached, asked)
}
