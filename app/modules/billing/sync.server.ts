// The one way a workspace's Stripe billing columns are written: re-read the customer's
// subscriptions from Stripe and store what the one that counts says. Webhook events, the
// success page after Checkout and the nightly reconciliation all call it, so the order,
// repetition or lateness of events cannot change the result: only Stripe's current state can.
import type Stripe from 'stripe'
import { recordAudit } from '~/modules/audit/record.server'
import { billingEnabled } from '~/modules/config/env.server'
import { type TenantContext, type Tx, withPlatform, withTenant } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import { errorFields, log } from '~/modules/observability/log.server'
import type { PlanId } from './plans'
import { planOfPrice, stripe } from './stripe.server'

/** The Stripe event a sync is processing, marked processed and audited in the same transaction. */
export type ProcessedEvent = { id: string; type: string; receivedAt: Date }

export type SyncOutcome =
  | { workspaceId: string; plan: PlanId | null; status: string | null }
  | { workspaceId: null; reason: string }

type BillingColumns = {
  stripeSubscriptionId: string | null
  subscribedPlan: PlanId | null
  subscriptionStatus: string | null
  billingInterval: string | null
  currentPeriodEnd: Date | null
  cancelAt: Date | null
}

// Stripe lets a customer hold several subscriptions even with "one subscription" on; the one
// that counts is the most alive, then the newest.
const STATUS_RANK: Record<string, number> = {
  active: 4, trialing: 4, past_due: 3, unpaid: 2, paused: 2, incomplete: 1, canceled: 0, incomplete_expired: 0,
}

export function subscriptionThatCounts(subscriptions: Stripe.Subscription[]): Stripe.Subscription | null {
  const sorted = [...subscriptions].sort(
    (a, b) => (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) || b.created - a.created,
  )
  return sorted[0] ?? null
}

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null)

/** The columns a subscription (or none) stands for. An unknown price is an error, not Free. */
export function billingColumnsOf(subscription: Stripe.Subscription | null): BillingColumns {
  if (!subscription) {
    return { stripeSubscriptionId: null, subscribedPlan: null, subscriptionStatus: null, billingInterval: null, currentPeriodEnd: null, cancelAt: null }
  }
  const item = subscription.items.data[0]
  const priced = item ? planOfPrice(item.price.id) : null
  if (!item || !priced) {
    throw new Error(`Stripe subscription ${subscription.id} is for a price that is none of Candor's plans`)
  }
  // Stripe's 2025+ API keeps the current period on each item, not on the subscription.
  const periodEnd = fromUnix(item.current_period_end)
  return {
    stripeSubscriptionId: subscription.id,
    subscribedPlan: priced.plan,
    subscriptionStatus: subscription.status,
    billingInterval: priced.interval,
    currentPeriodEnd: periodEnd,
    cancelAt: fromUnix(subscription.cancel_at) ?? (subscription.cancel_at_period_end ? periodEnd : null),
  }
}

/**
 * Serialise syncs of one customer across every process until this transaction ends. Answers
 * when this transaction began (the database's clock, to the millisecond, rounded down): a
 * moment before Stripe is read under the lock.
 */
async function lockCustomer(tx: Tx, customerId: string): Promise<Date> {
  const [row] = await tx.$queryRaw<{ began: Date }[]>`
    SELECT date_trunc('milliseconds', transaction_timestamp()) AS began
      FROM (SELECT pg_advisory_xact_lock(hashtext('candor.stripe-customer'), hashtext(${customerId}))) AS locked`
  return row!.began
}

/** The workspace a Stripe customer belongs to: Candor wrote its id into the customer's metadata. */
async function workspaceOfCustomer(customerId: string): Promise<string | null> {
  const customer = await stripe().customers.retrieve(customerId)
  if (customer.deleted) return null
  const id = customer.metadata.workspace_id
  return id && isUuid(id) ? id : null
}

/**
 * Re-read `customerId`'s subscriptions from Stripe and write its workspace's billing columns,
 * with an audit entry when the plan or the status changed; `event`, when given, is marked
 * processed and audited in the same transaction. Stripe is read under the customer's lock, so
 * of two syncs at once the later read is the later write.
 */
export async function syncCustomer(customerId: string, options: { event?: ProcessedEvent; now?: Date } = {}): Promise<SyncOutcome> {
  const workspaceId = await workspaceOfCustomer(customerId)
  const unmatched = async (reason: string): Promise<SyncOutcome> => {
    if (options.event) await markUnmatched(options.event, reason)
    return { workspaceId: null, reason }
  }
  if (!workspaceId) return unmatched('the Stripe customer names no Candor workspace')
  const actor = { type: 'system', reason: 'stripe' } as const
  const outcome = await withTenant(
    { workspaceId, actor },
    async (tx): Promise<SyncOutcome> => {
      const began = await lockCustomer(tx, customerId)
      const workspace = await tx.workspace.findUnique({ where: { id: workspaceId } })
      // The metadata is only a pointer: the workspace must have adopted this very customer.
      if (!workspace || workspace.stripeCustomerId !== customerId) return { workspaceId: null, reason: 'no workspace has this Stripe customer' }
      const now = options.now ?? new Date()
      // Stripe sends an event after the change it tells of: a sync that began reading Stripe
      // after the event arrived already holds that change, or a later one. Such an event is
      // processed without reading Stripe again (a burst of events costs one read, not one each).
      const covered = options.event && workspace.billingSyncedAt && workspace.billingSyncedAt > options.event.receivedAt
      let next: BillingColumns = workspace
      if (!covered) {
        const { data } = await stripe().subscriptions.list({ customer: customerId, status: 'all', limit: 100 })
        next = billingColumnsOf(subscriptionThatCounts(data))
        const pastDueSince =
          next.subscriptionStatus !== 'past_due' ? null
          : workspace.subscriptionStatus === 'past_due' && workspace.pastDueSince ? workspace.pastDueSince
          : now
        await tx.workspace.update({ where: { id: workspaceId }, data: { ...next, pastDueSince, billingSyncedAt: began } })
      }
      // The event stays platform-level; the workspace it reached is named by its audit entry below.
      if (options.event) {
        await tx.stripeEvent.update({ where: { id: options.event.id }, data: { processedAt: now, error: null } })
      }
      // Audit entries last: they hold the chain's lock until commit.
      const scope = { workspaceId, actor }
      if (workspace.subscribedPlan !== next.subscribedPlan || workspace.subscriptionStatus !== next.subscriptionStatus) {
        await recordAudit(tx, scope, {
          action: 'billing.subscription_change',
          target: { type: 'workspace', id: workspaceId },
          before: { plan: workspace.subscribedPlan, status: workspace.subscriptionStatus },
          after: { plan: next.subscribedPlan, status: next.subscriptionStatus },
        })
      }
      if (options.event) {
        await recordAudit(tx, scope, {
          action: 'billing.stripe_event',
          target: { type: 'stripe_event', id: options.event.id },
          after: { type: options.event.type },
        })
      }
      return { workspaceId, plan: next.subscribedPlan, status: next.subscriptionStatus }
    },
    // Stripe is read inside: allow its timeout and a retry.
    { timeoutMs: 60_000 },
  )
  return outcome.workspaceId === null ? unmatched(outcome.reason) : outcome
}

/** An event about a customer no workspace owns is kept, processed, with the reason. */
async function markUnmatched(event: ProcessedEvent, reason: string) {
  await withPlatform((tx) => tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), error: reason } }))
}

/**
 * Back from Checkout: sync the workspace's customer now, so the page shows the new plan without
 * waiting for the webhook. Stripe being unreachable only delays it: the webhook and the nightly
 * reconciliation sync it too.
 */
export async function syncAfterCheckout(ctx: TenantContext): Promise<void> {
  if (!billingEnabled()) return
  const workspace = await withTenant(ctx, (tx) => tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: { stripeCustomerId: true } }))
  if (!workspace.stripeCustomerId) return
  try {
    await syncCustomer(workspace.stripeCustomerId)
  } catch (error) {
    log('warn', 'stripe sync after checkout failed; the webhook will bring the change', errorFields(error))
  }
}
