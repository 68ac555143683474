// Billing through the Stripe stand-in: the environment that turns billing on, and a workspace
// with a Stripe customer (made the way checkout makes it) and, when asked, a subscription.
import { RouterContextProvider } from 'react-router'
import { ensureStripeCustomer } from '~/modules/billing/customer.server'
import { ownerPool } from '~/modules/db/owner.server'
import { makeOwnedWorkspace } from './factories'
import type { StripeStandIn } from './stripe-stand-in'

export const STRIPE_TEST_PRICES = {
  STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly_test',
  STRIPE_PRICE_PRO_YEARLY: 'price_pro_yearly_test',
  STRIPE_PRICE_BUSINESS_MONTHLY: 'price_business_monthly_test',
  STRIPE_PRICE_BUSINESS_YEARLY: 'price_business_yearly_test',
} as const

export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_candor_test_secret_0123456789'

/** The variables that turn billing on against the stand-in at `apiUrl`. */
export function stripeEnv(apiUrl: string): Record<string, string> {
  return { STRIPE_SECRET_KEY: 'sk_test_candor0123456789', STRIPE_WEBHOOK_SECRET: STRIPE_TEST_WEBHOOK_SECRET, STRIPE_API_URL: apiUrl, ...STRIPE_TEST_PRICES }
}

export const YEARLY_TEST_PRICES = [STRIPE_TEST_PRICES.STRIPE_PRICE_PRO_YEARLY, STRIPE_TEST_PRICES.STRIPE_PRICE_BUSINESS_YEARLY]

/** A workspace with its Stripe customer, and a subscription to `price` in `status` unless null. */
export async function workspaceWithCustomer(standIn: StripeStandIn, subscription: { price: string; status: string } | null) {
  const owned = await makeOwnedWorkspace()
  const customerId = await ensureStripeCustomer(owned.member.tenant)
  const sub = subscription ? standIn.subscribe(customerId, subscription.price, subscription.status) : null
  return { ...owned, customerId, subscriptionId: sub?.id ?? null }
}

/** The workspace's billing columns as stored. */
export async function billingRow(workspaceId: string) {
  const { rows } = await ownerPool().query<{
    subscribed_plan: string | null
    subscription_status: string | null
    billing_interval: string | null
    current_period_end: Date | null
    cancel_at: Date | null
    past_due_since: Date | null
    billing_synced_at: Date | null
    stripe_subscription_id: string | null
  }>(
    `SELECT subscribed_plan, subscription_status, billing_interval, current_period_end, cancel_at, past_due_since,
            billing_synced_at, stripe_subscription_id FROM workspace WHERE id = $1`,
    [workspaceId],
  )
  return rows[0]!
}

/** Call a route's action with a ready-made Request, as React Router would. */
export async function actOn(action: (args: never) => Promise<unknown>, request: Request): Promise<Response> {
  return (await (action as (args: unknown) => Promise<unknown>)({ request, params: {}, context: new RouterContextProvider() })) as Response
}
