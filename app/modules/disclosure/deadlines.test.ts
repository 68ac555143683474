import { describe, expect, it } from 'vitest'
import type { HolidayCalendar } from '~/modules/dsar/holidays'
import {
  type AcknowledgementTarget,
  acknowledgementDue,
  describeDeadline,
  disclosureDue,
  endOfLocalDay,
  reportTimers,
  startOfLocalDay,
} from './deadlines'

const none: HolidayCalendar = { country: null, custom: [] }

describe('acknowledgementDue', () => {
  it.each<[string, string, AcknowledgementTarget, string, HolidayCalendar, string]>([
    // what                                              received (UTC)             target              zone                  calendar                                  due (exclusive, UTC)
    ['24 hours, on the clock',                           '2026-03-06T15:00:00Z', '24h',              'UTC',                none,                                     '2026-03-07T15:00:00.000Z'],
    ['24 hours run through a weekend',                   '2026-03-07T09:30:00Z', '24h',              'Europe/Berlin',      { country: 'DE', custom: [] },            '2026-03-08T09:30:00.000Z'],
    ['48 hours across a clock change stay 48 real hours', '2026-03-28T12:00:00Z', '48h',              'Europe/Berlin',      none,                                     '2026-03-30T12:00:00.000Z'],
    ['one business day: Monday → end of Tuesday',        '2026-03-02T10:00:00Z', 'one_business_day', 'UTC',                none,                                     '2026-03-04T00:00:00.000Z'],
    ['one business day: Friday → end of Monday',         '2026-03-06T10:00:00Z', 'one_business_day', 'UTC',                none,                                     '2026-03-10T00:00:00.000Z'],
    ['one business day: Saturday → end of Monday',       '2026-03-07T10:00:00Z', 'one_business_day', 'UTC',                none,                                     '2026-03-10T00:00:00.000Z'],
    ['one business day: Sunday night → end of Monday',   '2026-03-08T23:59:00Z', 'one_business_day', 'UTC',                none,                                     '2026-03-10T00:00:00.000Z'],
    ['late evening in New York is still Thursday there', '2026-03-06T03:00:00Z', 'one_business_day', 'America/New_York',   none,                                     '2026-03-07T05:00:00.000Z'],
    ['Christmas in Germany: Thursday 24th → end of Monday 28th', '2026-12-24T13:00:00Z', 'one_business_day', 'Europe/Berlin', { country: 'DE', custom: [] },            '2026-12-28T23:00:00.000Z'],
    ['Easter in England: Thursday → end of Tuesday',     '2026-04-02T11:00:00Z', 'one_business_day', 'Europe/London',      { country: 'GB-ENG', custom: [] },        '2026-04-07T23:00:00.000Z'],
    ['a custom day off moves it on',                     '2026-03-02T10:00:00Z', 'one_business_day', 'UTC',                { country: null, custom: ['2026-03-03'] }, '2026-03-05T00:00:00.000Z'],
    ['the end of a day after a clock change (Berlin, CEST)', '2026-03-27T08:00:00Z', 'one_business_day', 'Europe/Berlin',   none,                                     '2026-03-30T22:00:00.000Z'],
  ])('%s', (_what, received, target, timeZone, holidays, due) => {
    expect(acknowledgementDue(new Date(received), target, { timeZone, holidays }).toISOString()).toBe(due)
  })
})

describe('startOfLocalDay', () => {
  it.each([
    ['2026-01-15', 'UTC', '2026-01-15T00:00:00.000Z'],
    ['2026-01-15', 'Asia/Tokyo', '2026-01-14T15:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    // Chile skips midnight when summer time starts: the day begins at 01:00.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2026-09-07', 'America/Santiago', '2026-09-07T03:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, start) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(start)
  })
})

describe('disclosure dates', () => {
  it('counts the disclosure deadline in whole days from receipt', () => {
    expect(disclosureDue(new Date('2026-01-01T10:00:00Z'), 90).toISOString()).toBe('2026-04-01T10:00:00.000Z')
  })

  it('reads a chosen date as the end of that day in the workspace’s zone', () => {
    expect(endOfLocalDay('2026-06-30', 'Europe/Paris').toISOString()).toBe('2026-06-30T22:00:00.000Z')
    expect(endOfLocalDay('2026-12-31', 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })
})

describe('reportTimers', () => {
  const now = new Date('2026-05-10T12:00:00Z')
  const hours = (h: number) => new Date(now.getTime() + h * 3_600_000)

  it.each([
    // state          acknowledge by (h)  disclosure due (h)  acknowledgement badge                          disclosure badge
    ['received',      30,                 80 * 24,            { kind: 'on_track', label: '30 h left' },      { kind: 'on_track', label: '80 days left' }],
    ['received',      5,                  80 * 24,            { kind: 'due_soon', label: 'Due in 5 h' },     { kind: 'on_track', label: '80 days left' }],
    ['received',      -3,                 80 * 24,            { kind: 'overdue', label: 'Overdue by 3 h' },  { kind: 'on_track', label: '80 days left' }],
    ['received',      0.5,                80 * 24,            { kind: 'due_soon', label: 'Due in 30 min' },  { kind: 'on_track', label: '80 days left' }],
    ['acknowledged',  -30,                10 * 24,            null,                                          { kind: 'due_soon', label: 'Due in 10 days' }],
    ['triaged',       -30,                -3 * 24,            null,                                          { kind: 'overdue', label: 'Overdue by 3 days' }],
    ['fixed',         -30,                -5,                 null,                                          { kind: 'overdue', label: 'Overdue by 5 h' }],
    ['disclosed',     -30,                -3 * 24,            null,                                          null],
    ['rejected',      30,                 3 * 24,             null,                                          null],
  ] as const)('%s, acknowledge in %s h, disclose in %s h', (state, acknowledgeIn, discloseIn, acknowledgement, disclosure) => {
    expect(reportTimers({ state, acknowledgeBy: hours(acknowledgeIn), disclosureDueAt: hours(discloseIn) }, now)).toEqual({
      acknowledgement,
      disclosure,
    })
  })

  it('is overdue from the due instant on', () => {
    expect(reportTimers({ state: 'received', acknowledgeBy: now, disclosureDueAt: hours(24) }, now).acknowledgement?.kind).toBe('overdue')
  })
})

describe('describeDeadline', () => {
  it.each([
    ['2026-03-10T00:00:00Z', 'UTC', 'the end of Monday 9 March 2026 (UTC time)'],
    ['2026-03-07T15:00:00Z', 'UTC', 'Saturday 7 March 2026, 15:00 (UTC time)'],
    ['2026-12-28T23:00:00Z', 'Europe/Berlin', 'the end of Monday 28 December 2026 (Europe/Berlin time)'],
    ['2026-03-07T05:30:00Z', 'America/New_York', 'Saturday 7 March 2026, 00:30 (America/New_York time)'],
  ])('%s in %s reads "%s"', (end, zone, text) => {
    expect(describeDeadline(new Date(end), zone)).toBe(text)
  })
})
