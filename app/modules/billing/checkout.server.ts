// Upgrading and managing a subscription at Stripe: Checkout for a workspace without one, the
// Customer Portal for everything after (plan changes, cancellation, payment method, invoices).
// Nothing here changes the workspace's plan: Stripe's state reaches it only through syncCustomer.
import type { Member } from '~/modules/auth/member.server'
import { recordAudit, type RequestOrigin } from '~/modules/audit/record.server'
import { appOrigin } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { billingPath } from './billing-path'
import { ensureStripeCustomer } from './customer.server'
import type { PlanId } from './plans'
import { type BillingInterval, priceIdFor, stripe } from './stripe.server'

/** Statuses of a subscription that still exists at Stripe: a second one would bill twice. */
const LIVE_STATUSES = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'])


export type CheckoutOutcome = { kind: 'checkout'; url: string } | { kind: 'has_subscription' }

/**
 * A Checkout session in subscription mode for `plan` billed every `interval`, for the
 * workspace's Stripe customer (created first). Refused when the customer already has a live
 * subscription ("limit customers to one subscription"): that one is changed in the portal.
 */
export async function startCheckout(
  member: Member,
  choice: { plan: Exclude<PlanId, 'free'>; interval: BillingInterval },
  origin: RequestOrigin,
): Promise<CheckoutOutcome> {
  const customer = await ensureStripeCustomer(member.tenant)
  const { data } = await stripe().subscriptions.list({ customer, status: 'all', limit: 100 })
  if (data.some((subscription) => LIVE_STATUSES.has(subscription.status))) return { kind: 'has_subscription' }
  const page = `${appOrigin()}${billingPath(member.workspace.slug)}`
  const session = await stripe().checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: member.workspace.id,
    line_items: [{ price: priceIdFor(choice.plan, choice.interval), quantity: 1 }],
    tax_id_collection: { enabled: true },
    // Tax ids need the customer's name and address saved on the customer Candor created.
    customer_update: { name: 'auto', address: 'auto' },
    subscription_data: { metadata: { workspace_id: member.workspace.id } },
    success_url: `${page}?checkout={CHECKOUT_SESSION_ID}`,
    cancel_url: page,
  })
  if (!session.url) throw new Error('Stripe returned a Checkout session without a URL')
  await withTenant(member.tenant, (tx) =>
    recordAudit(tx, { ...member.tenant, origin }, {
      action: 'billing.checkout_start',
      target: { type: 'workspace', id: member.workspace.id },
      after: { plan: choice.plan, interval: choice.interval, checkoutSession: session.id },
    }),
  )
  return { kind: 'checkout', url: session.url }
}

/** A Customer Portal session for the workspace's Stripe customer, back to the billing page. */
export async function openPortal(member: Member, origin: RequestOrigin): Promise<string> {
  const customer = await ensureStripeCustomer(member.tenant)
  const session = await stripe().billingPortal.sessions.create({
    customer,
    return_url: `${appOrigin()}${billingPath(member.workspace.slug)}`,
  })
  await withTenant(member.tenant, (tx) =>
    recordAudit(tx, { ...member.tenant, origin }, {
      action: 'billing.portal_open',
      target: { type: 'workspace', id: member.workspace.id },
    }),
  )
  return session.url
}
