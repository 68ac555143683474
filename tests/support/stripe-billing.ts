// Billing through the Stripe stand-in: the environment that turns billing on, and a workspace
// with a Stripe customer (made the way checkout makes it) and, when asked, a subscription.
import { RouterContextProvider } from 'react-router'
import { ensureStripeCustomer } from '~/modules/billing/customer.server'
import { ownerPool } from '~/modules/db/owner.server'
import { BILLING_ON_ENV } from './billing-env'
import { makeOwnedWorkspace } from './factories'
import type { StripeStandIn } from './stripe-stand-in'

const { STRIPE_PRICE_PRO_MONTHLY, STRIPE_PRICE_PRO_YEARLY, STRIPE_PRICE_BUSINESS_MONTHLY, STRIPE_PRICE_BUSINESS_YEARLY } = BILLING_ON_ENV
export const STRIPE_TEST_PRICES = { STRIPE_PRICE_PRO_MONTHLY, STRIPE_PRICE_PRO_YEARLY, STRIPE_PRICE_BUSINESS_MONTHLY, STRIPE_PRICE_BUSINESS_YEARLY }

export const STRIPE_TEST_WEBHOOK_SECRET = BILLING_ON_ENV.STRIPE_WEBHOOK_SECRET

/** The variables that turn billing on against the stand-in at `apiUrl`. */
export function stripeEnv(apiUrl: string): Record<string, string> {
  return { ...BILLING_ON_ENV, STRIPE_API_URL: apiUrl }
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
