// Public trust pages straight from this instance's page cache, before Express, the per-request
// nonce and React Router: the bytes are the same for every visitor. A miss (or a page that must
// be rendered again) returns false and the request goes on to Express and the route in
// app/routes.ts, which renders and fills the cache (decision 012). Express's own request
// handling cost about a third of a cached answer, hence plain Node here. The page is sent in
// the coding the request accepts, from copies compressed once per version (decision 025).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { TRUST_PAGE_CSP, cachedTrustPage } from '~/modules/trust/public-page.server'

/** `/t/<slug>` or `/trust`, with an optional trailing slash and query, as the routes match them. */
const TRUST_PATH = /^\/(?:t\/([^/?#]+)|trust)\/?(?:\?.*)?$/i

/** The slug and page path a cached trust page would answer `url` with, or null. */
export function trustPageOf(url: string): { slug: string; pagePath: string } | null {
  const match = TRUST_PATH.exec(url)
  if (!match) return null
  if (match[1] === undefined) return { slug: platformWorkspaceSlug(), pagePath: '/trust' }
  try {
    const slug = decodeURIComponent(match[1])
    return { slug, pagePath: `/t/${slug}` }
  } catch {
    return null
  }
}

/**
 * Answers a GET or HEAD for a cached trust page and returns true, or returns false (anything
 * else, a page not cached) without touching the response. The request guard
 * (server/request-target.ts) has already refused a malformed Host or address.
 */
export function serveCachedTrustPage(headers: Record<string, string>): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const trustHeaders = { ...headers, 'Content-Security-Policy': TRUST_PAGE_CSP }
  return async (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false
    const page = trustPageOf(req.url)
    if (!page) return false
    const hit = await cachedTrustPage(page.slug, page.pagePath, {
      ifNoneMatch: req.headers['if-none-match'],
      acceptEncoding: req.headers['accept-encoding'],
      method: req.method,
    })
    if (!hit) return false
    res.writeHead(hit.status, { ...trustHeaders, ...hit.headers })
    res.end(hit.body ?? undefined)
    return true
  }
}
