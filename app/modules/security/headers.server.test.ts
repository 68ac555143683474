import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, securityHeaders } from './headers.server'

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, never inline', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', production: true })
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain('report-uri /api/csp-report')
    expect(csp).toContain('upgrade-insecure-requests')
  })

  it('lets forms lead to Stripe only when billing names its origins', () => {
    expect(contentSecurityPolicy({ nonce: 'n', production: true })).toContain("form-action 'self';")
    const csp = contentSecurityPolicy({ nonce: 'n', production: true, formTargets: ['https://checkout.stripe.com', 'https://billing.stripe.com'] })
    expect(csp).toContain("form-action 'self' https://checkout.stripe.com https://billing.stripe.com;")
  })

  it('adds the Sentry origin and the dev server socket only when asked', () => {
    const csp = contentSecurityPolicy({
      nonce: 'n',
      production: false,
      connectSources: ['https://o1.ingest.sentry.io'],
      devServer: true,
    })
    expect(csp).toContain("connect-src 'self' https://o1.ingest.sentry.io ws:")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(contentSecurityPolicy({ nonce: 'n', production: true })).toContain("style-src 'self';")
    expect(csp).not.toContain('upgrade-insecure-requests')
  })
})

describe('securityHeaders', () => {
  it('sends HSTS in production only', () => {
    expect(securityHeaders({ nonce: 'n', production: true })['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    )
    expect(securityHeaders({ nonce: 'n', production: false })).not.toHaveProperty(
      'Strict-Transport-Security',
    )
  })

  it('forbids framing and sniffing and limits the referrer', () => {
    expect(securityHeaders({ nonce: 'n', production: false })).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    })
  })
})
