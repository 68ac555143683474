// The Stripe client of this process, built from the environment. Stripe is reached only through
// this SDK; tests and local stand-ins point it elsewhere with STRIPE_API_URL.
import Stripe from 'stripe'
import { env } from '~/modules/config/env.server'
import type { PlanId } from './plans'

/**
 * The API version Candor's code is written against, pinned so that a Stripe-side default change
 * never moves fields under it (2025+ versions keep the current period on subscription items).
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const

export type BillingInterval = 'month' | 'year'

const globalForStripe = globalThis as unknown as { candorStripe?: { key: string; client: Stripe } }

/** The Stripe client; throws when billing is off (callers check billingEnabled() first). */
export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_URL } = env()
  if (!STRIPE_SECRET_KEY) throw new Error('Billing is off: STRIPE_SECRET_KEY is not set')
  const cached = globalForStripe.candorStripe
  if (cached?.key === STRIPE_SECRET_KEY) return cached.client
  const target = STRIPE_API_URL ? new URL(STRIPE_API_URL) : null
  const client = new Stripe(STRIPE_SECRET_KEY, {
    apiVersion: STRIPE_API_VERSION,
    // Retries with Stripe's idempotency keys: a lost answer never creates a second object.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(target && {
      host: target.hostname,
      port: target.port || (target.protocol === 'https:' ? 443 : 80),
      protocol: target.protocol === 'https:' ? 'https' : 'http',
    }),
  })
  globalForStripe.candorStripe = { key: STRIPE_SECRET_KEY, client }
  return client
}

/** Each paid plan's Stripe price for an interval, from the environment. */
export function priceIdFor(plan: Exclude<PlanId, 'free'>, interval: BillingInterval): string {
  const e = env()
  const prices = {
    pro: { month: e.STRIPE_PRICE_PRO_MONTHLY, year: e.STRIPE_PRICE_PRO_YEARLY },
    business: { month: e.STRIPE_PRICE_BUSINESS_MONTHLY, year: e.STRIPE_PRICE_BUSINESS_YEARLY },
  }
  const price = prices[plan][interval]
  if (!price) throw new Error('Billing is off: the Stripe prices are not set')
  return price
}

/** The plan and interval a Stripe price stands for; null for a price Candor does not sell. */
export function planOfPrice(priceId: string): { plan: Exclude<PlanId, 'free'>; interval: BillingInterval } | null {
  for (const plan of ['pro', 'business'] as const) {
    for (const interval of ['month', 'year'] as const) {
      if (priceIdFor(plan, interval) === priceId) return { plan, interval }
    }
  }
  return null
}

/**
 * Where the billing page's forms lead (Checkout, the Customer Portal): the CSP's form-action
 * must allow them, since browsers check a form's redirects too. None when billing is off.
 */
export function stripeRedirectOrigins(): string[] {
  const { STRIPE_SECRET_KEY, STRIPE_API_URL } = env()
  if (!STRIPE_SECRET_KEY) return []
  return ['https://checkout.stripe.com', 'https://billing.stripe.com', ...(STRIPE_API_URL ? [new URL(STRIPE_API_URL).origin] : [])]
}
