import { describe, expect, it } from 'vitest'
import { checkSameOrigin, isExemptFromSameOrigin } from './same-origin.server'

const base = {
  method: 'POST',
  path: '/dev/mailbox',
  origin: undefined as string | undefined,
  referer: undefined as string | undefined,
  expectedOrigin: 'https://candor.example',
}

describe('checkSameOrigin', () => {
  it.each(['GET', 'HEAD', 'OPTIONS'])('lets %s through: it changes nothing', (method) => {
    expect(checkSameOrigin({ ...base, method, origin: 'https://evil.example' }).ok).toBe(true)
  })

  it('accepts a POST from our own origin', () => {
    expect(checkSameOrigin({ ...base, origin: 'https://candor.example' })).toEqual({ ok: true })
  })

  it('refuses a POST from another origin with a message a person understands', () => {
    const verdict = checkSameOrigin({ ...base, origin: 'https://evil.example' })
    expect(verdict).toEqual({
      ok: false,
      reason: 'This request came from another website (Candor is at https://candor.example), so it was refused to protect your account.',
    })
  })

  it('refuses a look-alike origin (other scheme, port or subdomain)', () => {
    for (const origin of [
      'http://candor.example',
      'https://candor.example:8443',
      'https://candor.example.evil.example',
    ]) {
      expect(checkSameOrigin({ ...base, origin }).ok).toBe(false)
    }
  })

  it('falls back to the Referer when Origin is missing or "null"', () => {
    expect(checkSameOrigin({ ...base, referer: 'https://candor.example/dev/mailbox' }).ok).toBe(true)
    expect(checkSameOrigin({ ...base, origin: 'null', referer: 'https://evil.example/x' }).ok).toBe(
      false,
    )
  })

  it('refuses a POST that names no origin at all', () => {
    expect(checkSameOrigin(base).ok).toBe(false)
  })

  it.each(['/api/v1/requests', '/webhooks/stripe', '/api/csp-report', '/drp/acme/v1/data-rights-request'])(
    'exempts %s, which carries no cookie authority',
    (path) => {
      expect(checkSameOrigin({ ...base, path, origin: 'https://other.example' }).ok).toBe(true)
    },
  )
})

describe('isExemptFromSameOrigin', () => {
  it.each([
    ['/api/v1/workspace', true],
    ['/api/v1/', true],
    ['/api/v1', true],
    ['/API/V1/workspace', true],
    ['/webhooks/stripe', true],
    ['/Webhooks/Stripe', true],
    ['/api/csp-report', true],
    ['/API/CSP-REPORT', true],
    ['/api/v1x', false],
    ['/API/V1x', false],
    ['/api/v1x/workspace', false],
    ['/api/v10/workspace', false],
    ['/api/v', false],
    ['/webhooksx/stripe', false],
    ['/webhooks-evil', false],
    ['/drp/acme/v1/agent/CR_AA', true],
    ['/drpx/acme', false],
    ['/w/acme/drp-agents', false],
    ['/api/csp-reportX', false],
    ['/api/csp-report/x', false],
    ['/api/csp-reports', false],
    ['/api/csp', false],
    ['/dashboard/api/v1/x', false],
    ['/api/v1/../dashboard/settings', false],
    ['/api/v1/%2e%2e/dashboard/settings', false],
    ['/api/v1\\..\\sign-in', false],
    ['/x/../api/v1/workspace', true],
    // RFC 8058 one-click unsubscribe from a mail client: exactly this shape, nothing around it.
    ['/t/acme/subprocessors/unsubscribe/AbC_-123', true],
    ['/T/Acme/Subprocessors/Unsubscribe/AbC_-123', true],
    ['/t/acme/subprocessors/unsubscribe/', false],
    ['/t/acme/subprocessors/unsubscribe', false],
    ['/t//subprocessors/unsubscribe/token', false],
    ['/t/acme/subprocessors/unsubscribe/token/more', false],
    ['/t/acme/subprocessors/subscribe', false],
    ['/t/acme/subprocessors/confirm/token', false],
    ['/t/acme/subprocessors/object/token', false],
    ['/w/acme/subprocessors/unsubscribe/token', false],
    ['/x/t/acme/subprocessors/unsubscribe/token', false],
    ['/t/acme/subprocessors/unsubscribe/../../../w/acme/settings', false],
    ['/t/acme/subprocessors/unsubscribex/token', false],
    // The weekly digest's one-click unsubscribe: exactly /notifications/<slug>/unsubscribe/<token>.
    ['/notifications/acme/unsubscribe/AbC_-123', true],
    ['/Notifications/Acme/Unsubscribe/AbC_-123', true],
    ['/notifications/acme/unsubscribe/', false],
    ['/notifications//unsubscribe/token', false],
    ['/notifications/acme/unsubscribe/token/more', false],
    ['/notifications/acme/preferences/token', false],
    ['/x/notifications/acme/unsubscribe/token', false],
    ['/notifications/acme/unsubscribe/../../../w/acme/settings', false],
  ])('%s → exempt: %s', (path, exempt) => {
    expect(isExemptFromSameOrigin(path)).toBe(exempt)
  })
})
