import { describe, expect, it } from 'vitest'
import { type BillingState, effectivePlan } from './effective-plan'

const now = new Date('2026-12-04T12:00:00Z')
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60 * 1000)
const none: BillingState = { subscribedPlan: null, subscriptionStatus: null, pastDueSince: null, trialEndsAt: null, grantedPlan: null, grantedUntil: null }

describe('effectivePlan', () => {
  it('is Business for everyone when billing is off', () => {
    expect(effectivePlan(none, now, false)).toEqual({ plan: 'business', source: 'self-hosted', until: null })
  })

  it('is Free with no subscription, trial or grant', () => {
    expect(effectivePlan(none, now, true)).toEqual({ plan: 'free', source: 'free', until: null })
  })

  it('follows an active or trialing subscription, and drops to Free when it is canceled or unpaid', () => {
    for (const status of ['active', 'trialing']) {
      expect(effectivePlan({ ...none, subscribedPlan: 'business', subscriptionStatus: status }, now, true).plan).toBe('business')
    }
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused']) {
      expect(effectivePlan({ ...none, subscribedPlan: 'business', subscriptionStatus: status }, now, true)).toMatchObject({ plan: 'free', source: 'free' })
    }
  })

  it('keeps a past-due plan for 14 days from when it became past due, then Free', () => {
    const pastDue = { ...none, subscribedPlan: 'pro' as const, subscriptionStatus: 'past_due' }
    expect(effectivePlan({ ...pastDue, pastDueSince: days(-13) }, now, true)).toEqual({ plan: 'pro', source: 'grace', until: days(1) })
    expect(effectivePlan({ ...pastDue, pastDueSince: days(-14) }, now, true).plan).toBe('free')
  })

  it('gives Pro during the trial, and a granted plan until its end; the best plan wins', () => {
    expect(effectivePlan({ ...none, trialEndsAt: days(3) }, now, true)).toEqual({ plan: 'pro', source: 'trial', until: days(3) })
    expect(effectivePlan({ ...none, trialEndsAt: days(-1) }, now, true).plan).toBe('free')
    const granted = { ...none, grantedPlan: 'business' as const, grantedUntil: days(30) }
    expect(effectivePlan(granted, now, true)).toEqual({ plan: 'business', source: 'granted', until: days(30) })
    expect(effectivePlan({ ...granted, grantedUntil: days(-1) }, now, true).plan).toBe('free')
    expect(effectivePlan({ ...granted, grantedUntil: null }, now, true).source).toBe('granted')
    // A Pro grant never lowers a Business subscription.
    const paying = { ...none, subscribedPlan: 'business' as const, subscriptionStatus: 'active', grantedPlan: 'pro' as const, grantedUntil: days(30) }
    expect(effectivePlan(paying, now, true)).toMatchObject({ plan: 'business', source: 'subscription' })
  })
})
