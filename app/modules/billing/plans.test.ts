// The plans table: each plan includes what the one below it has (never fewer features, never a
// lower limit), Free holds no paid feature, and the pricing lines say limits and features as
// plans.ts states them, with “(coming)” only on what is not built.
import { describe, expect, it } from 'vitest'
import { FEATURES, type Feature, LIMITS, type Limit, PLANS, PLAN_IDS, cheapestPlanWith, hasFeature, limitOf, pricingLines } from './plans'

const atLeast = (higher: number | null, lower: number | null) => higher === null || (lower !== null && higher >= lower)

describe('the plans table', () => {
  it.each([
    ['pro', 'free'],
    ['business', 'pro'],
  ] as const)('%s has every feature and at least every limit of %s', (higher, lower) => {
    for (const feature of Object.keys(FEATURES) as Feature[]) {
      if (hasFeature(lower, feature)) expect(hasFeature(higher, feature)).toBe(true)
    }
    for (const limit of Object.keys(LIMITS) as Limit[]) {
      expect(atLeast(limitOf(higher, limit), limitOf(lower, limit)), limit).toBe(true)
    }
  })

  it.each([
    ['subprocessor_notices', 'pro'],
    ['gated_documents', 'pro'],
    ['api', 'pro'],
    ['webhooks', 'pro'],
    ['ip_allowlist', 'business'],
    ['required_2fa', 'business'],
    ['dpa_signing', 'business'],
  ] as const)('%s starts on %s', (feature, plan) => {
    expect(cheapestPlanWith(feature).id).toBe(plan)
  })

  it('states the limits of each plan', () => {
    expect(PLAN_IDS.map((id) => PLANS[id].limits)).toEqual([
      { members: 3, requestsPerYear: 50, documents: 3, webhookEndpoints: 0, apiKeys: 0 },
      { members: 15, requestsPerYear: 1000, documents: 25, webhookEndpoints: 3, apiKeys: 5 },
      { members: null, requestsPerYear: null, documents: null, webhookEndpoints: 10, apiKeys: null },
    ])
  })
})

describe('pricing lines', () => {
  it('say Free’s limits and what every plan includes, with no paid feature', () => {
    expect(pricingLines(PLANS.free)).toEqual([
      'Up to 3 members',
      'Up to 50 privacy requests a year',
      'Up to 3 trust-page documents',
      'Public trust page with live checks',
      'Privacy-request portal and inbox with legal deadlines',
      'Sub-processor list',
      'Vulnerability disclosure inbox and security.txt',
      'Append-only, hash-chained audit log',
    ])
  })

  it('list only what a plan adds to the one below, and mark as coming only what is not built', () => {
    expect(pricingLines(PLANS.pro)).toEqual([
      'Up to 15 members',
      'Up to 1,000 privacy requests a year',
      'Up to 25 trust-page documents',
      'Everything in Free',
      FEATURES.subprocessor_notices,
      FEATURES.gated_documents,
      FEATURES.api,
      FEATURES.webhooks,
      'Up to 3 webhook endpoints',
    ])
    expect(pricingLines(PLANS.business)).toEqual([
      'Unlimited members',
      'Unlimited privacy requests',
      'Unlimited trust-page documents',
      'Everything in Pro',
      FEATURES.ip_allowlist,
      FEATURES.required_2fa,
      FEATURES.dpa_signing,
      'Up to 10 webhook endpoints',
      'SAML / OIDC single sign-on (coming)',
      'Data residency per workspace (coming)',
    ])
  })
})
