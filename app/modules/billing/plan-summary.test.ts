import { describe, expect, it } from 'vitest'
import { planSentence, subscriptionSentence } from './plan-summary'

const day = new Date('2027-12-04T12:00:00Z')

describe('planSentence', () => {
  it('says why the workspace has its plan and until when', () => {
    expect(planSentence({ plan: 'business', source: 'self-hosted', until: null })).toBe('Billing is off on this installation: every feature is on.')
    expect(planSentence({ plan: 'pro', source: 'subscription', until: null })).toBe('Pro, through the workspace’s subscription.')
    expect(planSentence({ plan: 'pro', source: 'grace', until: day })).toBe(
      'Pro until 4 December 2027: the last payment failed. Update the payment method to keep Pro after that day.',
    )
    expect(planSentence({ plan: 'pro', source: 'trial', until: day })).toBe('Pro trial until 4 December 2027, without a card.')
    expect(planSentence({ plan: 'business', source: 'granted', until: day })).toBe('Business, granted by Candor until 4 December 2027.')
    expect(planSentence({ plan: 'business', source: 'granted', until: null })).toBe('Business, granted by Candor with no end date.')
    expect(planSentence({ plan: 'free', source: 'free', until: null })).toBe('Free.')
  })
})

describe('subscriptionSentence', () => {
  const dates = { billingInterval: 'month', currentPeriodEnd: day, cancelAt: null }
  it('names the renewal date of a live subscription, or its end when it is cancelled at period end', () => {
    expect(subscriptionSentence({ subscribedPlan: 'pro', subscriptionStatus: 'active' }, dates)).toBe(
      'Stripe subscription to Pro, billed monthly: active. It renews on 4 December 2027.',
    )
    expect(subscriptionSentence({ subscribedPlan: 'pro', subscriptionStatus: 'active' }, { ...dates, billingInterval: 'year', cancelAt: day })).toBe(
      'Stripe subscription to Pro, billed yearly: active. It ends on 4 December 2027 and will not renew.',
    )
    expect(subscriptionSentence({ subscribedPlan: 'pro', subscriptionStatus: 'past_due' }, dates)).toBe(
      'Stripe subscription to Pro, billed monthly: past due.',
    )
  })
  it('gives no renewal date for a past-due or ended subscription, and nothing without one', () => {
    expect(subscriptionSentence({ subscribedPlan: 'pro', subscriptionStatus: 'canceled' }, dates)).toBe('Stripe subscription to Pro, billed monthly: canceled.')
    expect(subscriptionSentence({ subscribedPlan: null, subscriptionStatus: null }, dates)).toBeNull()
  })
})
