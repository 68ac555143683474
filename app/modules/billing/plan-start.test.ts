import { describe, expect, it } from 'vitest'
import { TRIAL_DAYS, effectivePlan } from './effective-plan'
import { afterCreation, startChoices } from './plan-start'

describe('what each way to start begins', () => {
  it('says each starts the no-card Pro trial, and what follows it', () => {
    const [free, pro, business] = startChoices()
    for (const choice of [free, pro, business]) expect(choice!.starts).toContain(`Starts a ${TRIAL_DAYS}-day trial of Pro; no card is needed.`)
    expect(free).toMatchObject({ id: 'free', label: 'Start free' })
    expect(free!.starts).toContain('on Free (up to 3 members and 50 privacy requests a year) unless you subscribe')
    expect(pro!.starts).toContain('subscribe to Pro (€99 a month')
    expect(business!.starts).toContain(
      'The trial does not include IP allowlist for the dashboard and the API, required two-factor sign-in for every member, and DPA click-to-sign.',
    )
  })

  it('matches the trial rule: a new workspace has Pro until the trial ends, then Free', () => {
    const created = new Date('2026-12-01T00:00:00Z')
    const state = { subscribedPlan: null, subscriptionStatus: null, pastDueSince: null, grantedPlan: null, grantedUntil: null }
    const trialEndsAt = new Date(created.getTime() + TRIAL_DAYS * 86_400_000)
    expect(effectivePlan({ ...state, trialEndsAt }, created, true).plan).toBe('pro')
    expect(effectivePlan({ ...state, trialEndsAt }, trialEndsAt, true).plan).toBe('free')
  })

  it('sends a paid choice to Billing and Free to the Overview', () => {
    expect(afterCreation('newco', 'free')).toBe('/w/newco')
    expect(afterCreation('newco', 'business')).toBe('/w/newco/settings/billing')
  })
})
