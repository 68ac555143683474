// Cross-site request forgery defence: a request that changes data must come from a page of our
// own origin. Browsers send Origin on every such request; Referer is the fallback.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Paths that take cross-origin writes on purpose: they carry no cookie-based authority
 * (bearer-token API, signed webhooks, the Data Rights Protocol's signed requests, browser CSP reports). Whole segments only, so that
 * `/api/v1x` or `/api/csp-reports` is not exempt.
 */
const EXEMPT_SUBTREES = ['/api/v1', '/webhooks', '/drp']
const EXEMPT_PATHS = ['/api/csp-report']

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the
 * address in the List-Unsubscribe header, with no cookie and no Origin. The secret token in the
 * path is the only authority. Exactly /t/<slug>/subprocessors/unsubscribe/<token> (sub-processor
 * notices) and /notifications/<slug>/unsubscribe/<token> (a member's weekly digest).
 */
function isOneClickUnsubscribe(routed: string): boolean {
  const segments = routed.split('/')
  const filled = segments.every((segment, i) => i === 0 || segment !== '')
  const subprocessorNotices = segments.length === 6 && segments[1] === 't' && segments[3] === 'subprocessors' && segments[4] === 'unsubscribe'
  const weeklyDigest = segments.length === 5 && segments[1] === 'notifications' && segments[3] === 'unsubscribe'
  return filled && (subprocessorNotices || weeklyDigest)
}

/**
 * Whether `path` is exempt, judged on the path the router will match: dot segments and
 * backslashes resolved as a URL parser does, letters lowercased (routes match any case).
 */
export function isExemptFromSameOrigin(path: string): boolean {
  const routed = new URL(path, 'http://candor.invalid').pathname.toLowerCase()
  return (
    EXEMPT_PATHS.includes(routed) ||
    isOneClickUnsubscribe(routed) ||
    EXEMPT_SUBTREES.some((subtree) => routed === subtree || routed.startsWith(`${subtree}/`))
  )
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string }

export function checkSameOrigin(input: {
  method: string
  path: string
  origin: string | undefined
  referer: string | undefined
  expectedOrigin: string
}): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true }
  if (isExemptFromSameOrigin(input.path)) return { ok: true }
  const claimed = input.origin && input.origin !== 'null' ? input.origin : originOf(input.referer)
  if (!claimed) {
    return {
      ok: false,
      reason:
        'This form was sent without saying which site it came from, so it was refused. Reload the page and try again.',
    }
  }
  if (claimed !== input.expectedOrigin) {
    return {
      ok: false,
      // The address helps a person who opened Candor under another name (localhost, say).
      reason: `This request came from another website (Candor is at ${input.expectedOrigin}), so it was refused to protect your account.`,
    }
  }
  return { ok: true }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
