// The security headers every response carries. The CSP allows scripts only with this
// request's nonce (no 'unsafe-inline'), and browsers report violations to /api/csp-report.

export const CSP_REPORT_PATH = '/api/csp-report'

type Options = {
  nonce: string
  production: boolean
  /** Extra origins the browser may connect to (e.g. Sentry's ingest host). */
  connectSources?: string[]
  /** Extra origins a form may lead to through a redirect (Stripe Checkout and its portal). */
  formTargets?: string[]
  /** Allow the Vite dev server's websocket and injected styles (development only). */
  devServer?: boolean
}

export function contentSecurityPolicy({
  nonce,
  production,
  connectSources = [],
  formTargets = [],
  devServer = false,
}: Options): string {
  const connect = ["'self'", ...connectSources, ...(devServer ? ['ws:'] : [])]
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Vite's dev server injects CSS as <style> tags; built CSS is a file.
    devServer ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    `report-uri ${CSP_REPORT_PATH}`,
    ...(production ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(options: Options): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.production
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  }
}
