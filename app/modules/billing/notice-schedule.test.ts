import { describe, expect, it } from 'vitest'
import type { BillingState } from './effective-plan'
import { dueNotice, noticeDate } from './notice-schedule'

const NOW = new Date('2027-01-10T08:13:00Z')
const DAY_MS = 86_400_000
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY_MS)

const none: BillingState = { subscribedPlan: null, subscriptionStatus: null, pastDueSince: null, trialEndsAt: null, grantedPlan: null, grantedUntil: null }
const trial = (days: number): BillingState => ({ ...none, trialEndsAt: inDays(days) })
const pastDue = (daysAgo: number): BillingState => ({ ...none, subscribedPlan: 'pro', subscriptionStatus: 'past_due', pastDueSince: inDays(-daysAgo) })

describe('dueNotice', () => {
  it.each([
    ['a trial with 10 days left', trial(10), null],
    ['a trial with 3 days and a minute left', trial(3 + 1 / 1440), null],
    ['a trial with exactly 3 days left', trial(3), 'trial_ends_in_3_days'],
    ['a trial with 2 days left', trial(2), 'trial_ends_in_3_days'],
    ['a trial with a day left', trial(1), 'trial_ends_tomorrow'],
    ['a trial with an hour left', trial(1 / 24), 'trial_ends_tomorrow'],
    ['a trial that ended', trial(-1), null],
    ['a trial under an active Pro subscription', { ...trial(2), subscribedPlan: 'pro', subscriptionStatus: 'active' }, null],
    ['a trial under an active Business subscription', { ...trial(2), subscribedPlan: 'business', subscriptionStatus: 'active' }, null],
    ['a trial followed by a Pro grant', { ...trial(2), grantedPlan: 'pro', grantedUntil: inDays(30) }, null],
    ['a trial outliving a Pro grant', { ...trial(2), grantedPlan: 'pro', grantedUntil: inDays(1) }, 'trial_ends_in_3_days'],
    ['past due since today', pastDue(0), 'grace_started'],
    ['past due for 10 days', pastDue(10), 'grace_started'],
    ['past due for 11 days', pastDue(11), 'grace_ends_in_3_days'],
    ['past due for 13.9 days', pastDue(13.9), 'grace_ends_in_3_days'],
    ['past due for 14 days (grace over)', pastDue(14), null],
    ['past due under a Business grant', { ...pastDue(2), grantedPlan: 'business', grantedUntil: null }, null],
    ['an active subscription', { ...none, subscribedPlan: 'pro', subscriptionStatus: 'active' }, null],
    ['nothing at all', none, null],
  ] as const)('%s: %s', (_, state, kind) => {
    expect(dueNotice(state as BillingState, NOW)?.kind ?? null).toBe(kind)
  })

  it('names the end, the plan that follows, and the date it is recorded under', () => {
    const notice = dueNotice({ ...pastDue(1), subscribedPlan: 'business', grantedPlan: 'pro', grantedUntil: inDays(100) }, NOW)!
    expect(notice.current).toEqual({ plan: 'business', source: 'grace', until: inDays(13) })
    expect(notice.next).toEqual({ plan: 'pro', source: 'granted', until: inDays(100) })
    expect(noticeDate(notice)).toBe('2027-01-23')
  })
})
