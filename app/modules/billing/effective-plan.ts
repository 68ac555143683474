// Which plan a workspace has now, computed from its billing state (issue 15). One rule, used by
// entitlements, the billing page, the banner and the operator console, so they never disagree.
import type { PlanId } from './plans'

/** Days a past_due subscription keeps its plan while Stripe retries the payment. */
export const PAST_DUE_GRACE_DAYS = 14
/** Days of Pro a new workspace gets without a card. */
export const TRIAL_DAYS = 14

const DAY_MS = 24 * 60 * 60 * 1000

/** The workspace's billing columns, as stored. */
export type BillingState = {
  subscribedPlan: PlanId | null
  subscriptionStatus: string | null
  pastDueSince: Date | null
  trialEndsAt: Date | null
  grantedPlan: PlanId | null
  grantedUntil: Date | null
}

/**
 * Why the workspace has its plan: `self-hosted` (billing is off: every feature), `granted` (by
 * an operator), `subscription`, `grace` (past_due, the plan kept until `until`), `trial`, or
 * `free` (none of these, or a subscription that ended).
 */
export type PlanSource = 'self-hosted' | 'granted' | 'subscription' | 'grace' | 'trial' | 'free'

export type EffectivePlan = { plan: PlanId; source: PlanSource; until: Date | null }

const ranks: Record<PlanId, number> = { free: 0, pro: 1, business: 2 }
const better = (a: EffectivePlan, b: EffectivePlan) => (ranks[b.plan] > ranks[a.plan] ? b : a)

/**
 * Active or trialing: the subscribed plan. Past due: the plan for 14 days from when it became
 * past due, then Free. Canceled, unpaid, incomplete, paused or none: Free, unless the Candor
 * trial or a grant still runs. When several apply, the best plan wins (a grant never lowers a
 * paying customer's plan). Billing off (no Stripe key): Business for everyone.
 */
export function effectivePlan(state: BillingState, now: Date, billingEnabled: boolean): EffectivePlan {
  if (!billingEnabled) return { plan: 'business', source: 'self-hosted', until: null }
  let result: EffectivePlan = { plan: 'free', source: 'free', until: null }
  if (state.subscribedPlan && (state.subscriptionStatus === 'active' || state.subscriptionStatus === 'trialing')) {
    result = better(result, { plan: state.subscribedPlan, source: 'subscription', until: null })
  }
  if (state.subscribedPlan && state.subscriptionStatus === 'past_due' && state.pastDueSince) {
    const until = new Date(state.pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS)
    if (now < until) result = better(result, { plan: state.subscribedPlan, source: 'grace', until })
  }
  if (state.trialEndsAt && now < state.trialEndsAt) result = better(result, { plan: 'pro', source: 'trial', until: state.trialEndsAt })
  if (state.grantedPlan && (!state.grantedUntil || now < state.grantedUntil)) {
    result = better(result, { plan: state.grantedPlan, source: 'granted', until: state.grantedUntil })
  }
  return result
}
