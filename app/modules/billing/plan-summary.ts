// The billing page's sentences about a workspace's plan, computed from effectivePlan and the
// stored subscription: each says why the workspace has its plan and until when, never more.
import type { BillingState, EffectivePlan } from './effective-plan'
import { PLANS } from './plans'

/** "4 December 2027" (UTC: billing dates are Stripe's, the same for every reader). */
export const billingDay = (at: Date) =>
  at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export type SubscriptionDates = { billingInterval: string | null; currentPeriodEnd: Date | null; cancelAt: Date | null }

/** One sentence on the plan the workspace has now and why. */
export function planSentence(effective: EffectivePlan): string {
  const name = PLANS[effective.plan].name
  const until = effective.until ? billingDay(effective.until) : null
  switch (effective.source) {
    case 'self-hosted':
      return 'Billing is off on this installation: every feature is on.'
    case 'subscription':
      return `${name}, through the workspace’s subscription.`
    case 'grace':
      return `${name} until ${until}: the last payment failed. Update the payment method to keep ${name} after that day.`
    case 'trial':
      return `${name} trial until ${until}, without a card.`
    case 'granted':
      return until ? `${name}, granted by Candor until ${until}.` : `${name}, granted by Candor with no end date.`
    case 'free':
      return `${name}.`
  }
}

/** What Stripe says of the subscription: its status and its next date, or null without one. */
export function subscriptionSentence(state: Pick<BillingState, 'subscribedPlan' | 'subscriptionStatus'>, dates: SubscriptionDates): string | null {
  if (!state.subscribedPlan || !state.subscriptionStatus) return null
  const name = PLANS[state.subscribedPlan].name
  const every = dates.billingInterval === 'year' ? 'yearly' : 'monthly'
  const status = `Stripe subscription to ${name}, billed ${every}: ${state.subscriptionStatus.replace('_', ' ')}.`
  // Only a subscription in good standing renews; a past-due one is Stripe retrying a payment.
  if (state.subscriptionStatus !== 'active' && state.subscriptionStatus !== 'trialing') return status
  if (dates.cancelAt) return `${status} It ends on ${billingDay(dates.cancelAt)} and will not renew.`
  if (dates.currentPeriodEnd) return `${status} It renews on ${billingDay(dates.currentPeriodEnd)}.`
  return status
}
