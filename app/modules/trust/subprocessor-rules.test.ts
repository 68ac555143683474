import { describe, expect, it } from 'vitest'
import {
  addDays,
  checkEffectiveDay,
  dayIn,
  earliestEffectiveDay,
  isDay,
  isDue,
  isExpiredUnconfirmed,
  subscribeAction,
} from './subprocessor-rules'

describe('the notice period', () => {
  // now (UTC instant), zone, notice days → earliest allowed effective day
  it.each([
    ['2026-11-25T12:00:00Z', 'UTC', 30, '2026-12-25'],
    ['2026-11-25T12:00:00Z', 'Europe/Berlin', 30, '2026-12-25'],
    // 23:30 UTC is already the next day in Berlin, still the same day in New York.
    ['2026-11-25T23:30:00Z', 'Europe/Berlin', 30, '2026-12-26'],
    ['2026-11-25T23:30:00Z', 'America/New_York', 30, '2026-12-25'],
    // Early morning UTC is still yesterday in Los Angeles; already tomorrow in Kiritimati (UTC+14).
    ['2026-11-26T03:00:00Z', 'America/Los_Angeles', 30, '2026-12-25'],
    ['2026-11-25T10:30:00Z', 'Pacific/Kiritimati', 30, '2026-12-26'],
    // Month ends, leap years and year ends count whole calendar days.
    ['2028-01-30T12:00:00Z', 'UTC', 30, '2028-02-29'],
    ['2027-01-30T12:00:00Z', 'UTC', 30, '2027-03-01'],
    ['2026-12-15T12:00:00Z', 'UTC', 30, '2027-01-14'],
    // Across a daylight-saving change (Europe, 25 October 2026): still whole days.
    ['2026-10-20T22:30:00Z', 'Europe/Amsterdam', 14, '2026-11-04'],
    ['2026-11-25T12:00:00Z', 'UTC', 1, '2026-11-26'],
    ['2026-11-25T12:00:00Z', 'UTC', 90, '2027-02-23'],
  ])('at %s in %s with %i days: the earliest day is %s', (now, zone, days, earliest) => {
    expect(earliestEffectiveDay(new Date(now), zone, days)).toBe(earliest)
  })

  it.each([
    ['2026-12-25', true],
    ['2026-12-26', true],
    ['2027-06-01', true],
    ['2026-12-24', false],
    ['2026-11-25', false],
    ['2026-01-01', false],
  ])('with 30 days from 25 November 2026 (UTC), %s is allowed: %s', (effectiveOn, ok) => {
    expect(checkEffectiveDay({ effectiveOn, now: new Date('2026-11-25T12:00:00Z'), timeZone: 'UTC', noticeDays: 30 }).ok).toBe(ok)
  })

  it('refuses a day inside the notice period with the earliest allowed day in the message', () => {
    const verdict = checkEffectiveDay({
      effectiveOn: '2026-12-01',
      now: new Date('2026-11-25T23:30:00Z'),
      timeZone: 'Europe/Berlin',
      noticeDays: 30,
    })
    expect(verdict).toEqual({
      ok: false,
      earliest: '2026-12-26',
      message: 'Subscribers get 30 days’ notice, so this change can take effect on 2026-12-26 (26 December 2026) at the earliest.',
    })
    const oneDay = checkEffectiveDay({ effectiveOn: '2026-11-25', now: new Date('2026-11-25T12:00:00Z'), timeZone: 'UTC', noticeDays: 1 })
    expect(oneDay.ok ? '' : oneDay.message).toMatch(/^Subscribers get 1 day’s notice, so .* on 2026-11-26 /)
  })
})

describe('days', () => {
  it.each([
    ['2026-11-25', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['26-11-25', false],
    ['2026-11-25T00:00', false],
    ['', false],
  ])('%s is a day: %s', (text, ok) => {
    expect(isDay(text)).toBe(ok)
  })

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('reads the day in a time zone', () => {
    expect(dayIn(new Date('2026-11-25T23:30:00Z'), 'UTC')).toBe('2026-11-25')
    expect(dayIn(new Date('2026-11-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-26')
    expect(dayIn(new Date('2026-11-25T03:30:00Z'), 'America/Chicago')).toBe('2026-11-24')
  })
})

describe('when an announced change is due', () => {
  it.each([
    // effective day, now, zone → due
    ['2026-12-25', '2026-12-24T22:59:59Z', 'Europe/Berlin', false],
    ['2026-12-25', '2026-12-24T23:00:00Z', 'Europe/Berlin', true],
    ['2026-12-25', '2026-12-25T07:59:59Z', 'America/Los_Angeles', false],
    ['2026-12-25', '2026-12-25T08:00:00Z', 'America/Los_Angeles', true],
    ['2026-12-25', '2027-01-10T12:00:00Z', 'UTC', true],
    ['2026-12-25', '2026-12-24T12:00:00Z', 'UTC', false],
  ])('a change effective on %s at %s in %s: %s', (day, now, zone, due) => {
    expect(isDue(day, new Date(now), zone)).toBe(due)
  })
})

describe('subscribing an e-mail', () => {
  const at = new Date('2026-11-01T00:00:00Z')
  it.each([
    ['a new address', null, 'create'],
    ['an address waiting for confirmation', { confirmedAt: null, unsubscribedAt: null }, 'resend_confirmation'],
    ['a confirmed address', { confirmedAt: at, unsubscribedAt: null }, 'already_subscribed'],
    ['an unsubscribed address', { confirmedAt: at, unsubscribedAt: at }, 'resubscribe'],
    ['an address unsubscribed before confirming', { confirmedAt: null, unsubscribedAt: at }, 'resubscribe'],
  ] as const)('%s: %s', (_label, existing, action) => {
    expect(subscribeAction(existing)).toBe(action)
  })

  it.each([
    ['asked 6 days 23 hours ago, unconfirmed', '2026-11-18T23:00:00Z', null, false],
    ['asked exactly 7 days ago, unconfirmed', '2026-11-18T00:00:00Z', null, true],
    ['asked 8 days ago, unconfirmed', '2026-11-17T00:00:00Z', null, true],
    ['asked 30 days ago, confirmed', '2026-10-26T00:00:00Z', '2026-10-26T01:00:00Z', false],
  ])('a subscription %s is deleted: %s', (_label, requestedAt, confirmedAt, expired) => {
    const now = new Date('2026-11-25T00:00:00Z')
    expect(
      isExpiredUnconfirmed({ requestedAt: new Date(requestedAt), confirmedAt: confirmedAt ? new Date(confirmedAt) : null }, now),
    ).toBe(expired)
  })
})
