// Every expected date below was worked out by hand from the rule it tests (with a printed
// calendar for weekdays), never by running the code under test.
import { describe, expect, it } from 'vitest'
import { type Deadline, type DeadlineInput, type Pause, computeDeadlines, dueState } from './deadlines'
import type { HolidayCalendar } from './holidays'

const calendar = (country: HolidayCalendar['country'], custom: string[] = []): HolidayCalendar => ({
  country,
  custom,
})

const GERMANY = calendar('DE')
const ENGLAND = calendar('GB-ENG')
const US = calendar('US')
const BRAZIL = calendar('BR')
const NO_HOLIDAYS = calendar(null)

/** A request received at 10:00 local time on a date in Berlin, unless told otherwise. */
function gdprRequest(overrides: Partial<DeadlineInput> = {}): DeadlineInput {
  return {
    jurisdiction: 'gdpr',
    type: 'access',
    receivedAt: new Date('2026-06-01T10:00:00+02:00'),
    timeZone: 'Europe/Berlin',
    holidays: GERMANY,
    ...overrides,
  }
}

const berlinMorning = (date: string) => new Date(`${date}T10:00:00+01:00`)
const pause = (from: string, to: string | null, reason: Pause['reason'] = 'identity'): Pause => ({
  from: new Date(from),
  to: to === null ? null : new Date(to),
  reason,
})

describe('GDPR: one month from receipt, moved off weekends and holidays (Reg. 1182/71 Art. 3)', () => {
  it.each([
    ['31 Jan 2026 ends with February (28th), a Saturday: Monday', '2026-01-31', '2026-03-02'],
    ['31 Jan 2025 ends on Friday 28 February', '2025-01-31', '2025-02-28'],
    ['31 Jan 2028 ends on 29 February (leap year)', '2028-01-31', '2028-02-29'],
    ['31 Jan 2024 ends on 29 February (leap year)', '2024-01-31', '2024-02-29'],
    ['31 Jan 2100 ends on Sunday 28 Feb (2100 is not leap): Monday 1 March', '2100-01-31', '2100-03-01'],
    ['30 Jan 2025 ends on 28 February', '2025-01-30', '2025-02-28'],
    ['30 Jan 2028 ends on 29 February', '2028-01-30', '2028-02-29'],
    ['31 Mar 2026 ends on 30 April', '2026-03-31', '2026-04-30'],
    ['15 Jun 2026 ends on 15 July', '2026-06-15', '2026-07-15'],
    ['an end on Saturday 17 Oct 2026 moves to Monday', '2026-09-17', '2026-10-19'],
    ['an end on Sunday 18 Oct 2026 moves to Monday', '2026-09-18', '2026-10-19'],
    ['an end on Good Friday 2027 moves past Easter Monday', '2027-02-26', '2027-03-30'],
    ['an end on Easter Sunday 2027 moves past Easter Monday', '2027-02-28', '2027-03-30'],
    ['an end on Christmas Day 2026 moves past the 26th and the weekend', '2026-11-25', '2026-12-28'],
    ['Christmas Eve is a working day in Germany', '2026-11-24', '2026-12-24'],
    ["an end on New Year's Day 2027 (Friday) moves to Monday", '2026-12-01', '2027-01-04'],
    ['an end on German Unity Day 2025 (Friday) moves to Monday', '2025-09-03', '2025-10-06'],
    ['an end on Ascension Day 2026 (Thursday) moves to Friday', '2026-04-14', '2026-05-15'],
    ['31 Dec 2026 ends on Sunday 31 January: Monday', '2026-12-31', '2027-02-01'],
  ])('%s', (_story, received, expected) => {
    expect(computeDeadlines(gdprRequest({ receivedAt: berlinMorning(received) })).due.date).toBe(expected)
  })

  it.each([
    ['without a holiday calendar Good Friday is a working day', NO_HOLIDAYS, '2027-02-26', '2027-03-26'],
    ['8 May is a holiday in France', calendar('FR'), '2026-04-08', '2026-05-11'],
    ['8 May is a working day in Germany', GERMANY, '2026-04-08', '2026-05-08'],
    [
      "a workspace's own day off counts like a holiday",
      calendar('DE', ['2026-07-15']),
      '2026-06-15',
      '2026-07-16',
    ],
  ])('%s', (_story, holidays, received, expected) => {
    expect(computeDeadlines(gdprRequest({ receivedAt: berlinMorning(received), holidays })).due.date).toBe(
      expected,
    )
  })

  it('gives the refusal and extension-notice deadline as the end of the first month (Art. 12(3), 12(4))', () => {
    const deadlines = computeDeadlines(gdprRequest({ receivedAt: berlinMorning('2026-01-31') }))
    expect(deadlines.refusalBy?.date).toBe('2026-03-02')
    expect(deadlines.extensionNoticeBy?.date).toBe('2026-03-02')
    expect(deadlines.due.basis).toMatch(/GDPR Art\. 12\(3\).*1182\/71/)
  })
})

describe('GDPR: the adjusted date leaves out the days waiting for identity information', () => {
  // Received Monday 1 June 2026 in UTC, no holidays: the statutory date is Wednesday 1 July.
  const received = new Date('2026-06-01T08:00:00Z')
  it.each([
    ['no pause: both dates agree', [], undefined, '2026-07-01', false],
    [
      'asked on the day of receipt, answered 4 June: 2-4 June left out, Saturday 4 July → Monday',
      [pause('2026-06-01T12:00:00Z', '2026-06-04T09:00:00Z')],
      undefined,
      '2026-07-06',
      false,
    ],
    [
      'asked and answered on 10 June: one day',
      [pause('2026-06-10T09:00:00Z', '2026-06-10T17:00:00Z')],
      undefined,
      '2026-07-02',
      false,
    ],
    [
      'overlapping pauses 10-12 and 12-15 June count 6 days once',
      [
        pause('2026-06-10T09:00:00Z', '2026-06-12T09:00:00Z'),
        pause('2026-06-12T10:00:00Z', '2026-06-15T09:00:00Z'),
      ],
      undefined,
      '2026-07-07',
      false,
    ],
    [
      'a wait for a clarification does not count under the GDPR',
      [pause('2026-06-10T09:00:00Z', '2026-06-12T09:00:00Z', 'clarification')],
      undefined,
      '2026-07-01',
      false,
    ],
    [
      'still waiting since 20 June, today 25 June: 6 days so far',
      [pause('2026-06-20T09:00:00Z', null)],
      new Date('2026-06-25T10:00:00Z'),
      '2026-07-07',
      true,
    ],
    [
      'still waiting since 20 June, no today given: at least one day',
      [pause('2026-06-20T09:00:00Z', null)],
      undefined,
      '2026-07-02',
      true,
    ],
    [
      'a pause after the period ended changes nothing',
      [pause('2026-07-10T09:00:00Z', '2026-07-12T09:00:00Z')],
      undefined,
      '2026-07-01',
      false,
    ],
    [
      'a pause over the end (29 June - 3 July) carries the remaining days over: Monday 6 July',
      [pause('2026-06-29T09:00:00Z', '2026-07-03T09:00:00Z')],
      undefined,
      '2026-07-06',
      false,
    ],
  ] as const)('%s', (_story, pauses, asOf, expected, paused) => {
    const deadlines = computeDeadlines(
      gdprRequest({
        receivedAt: received,
        timeZone: 'UTC',
        holidays: NO_HOLIDAYS,
        pauses: [...pauses],
        asOf,
      }),
    )
    expect(deadlines.due.date).toBe('2026-07-01')
    expect(deadlines.due.pausedSince).toBeUndefined()
    expect(deadlines.adjusted?.date).toBe(expected)
    expect(deadlines.adjusted?.pausedSince !== undefined).toBe(paused)
  })

  it.each([
    ['statutory (the default) drives the badge', undefined, '2026-07-01', '2026-09-01'],
    ['statutory, chosen', 'statutory', '2026-07-01', '2026-09-01'],
    [
      'adjusted drives the badge, and the extended date leaves the same days out',
      'adjusted',
      '2026-07-06',
      '2026-09-04',
    ],
  ] as const)('%s', (_story, deadlineBasis, effective, extended) => {
    const deadlines = computeDeadlines(
      gdprRequest({
        receivedAt: received,
        timeZone: 'UTC',
        holidays: NO_HOLIDAYS,
        pauses: [pause('2026-06-01T12:00:00Z', '2026-06-04T09:00:00Z')],
        deadlineBasis,
      }),
    )
    expect(deadlines.effective.date).toBe(effective)
    expect(deadlines.extensionNoticeBy?.date).toBe(effective)
    expect(deadlines.extendedDue?.date).toBe(extended)
  })
})

describe('GDPR extension: two further months (Art. 12(3)), notice within the first month', () => {
  it.each([
    ['31 Jan 2026: three months end on 30 April', '2026-01-31', '2026-04-30'],
    ['1 Jun 2026: 1 September', '2026-06-01', '2026-09-01'],
    ['30 Nov 2026: 28 Feb 2027 is a Sunday: Monday 1 March', '2026-11-30', '2027-03-01'],
    ['28 Dec 2026: Easter Sunday 2027, then Easter Monday: Tuesday 30 March', '2026-12-28', '2027-03-30'],
  ])('%s', (_story, received, expected) => {
    expect(computeDeadlines(gdprRequest({ receivedAt: berlinMorning(received) })).extendedDue?.date).toBe(
      expected,
    )
  })

  // Received 31 Jan 2026: the first month ends Monday 2 March, i.e. at 3 March 00:00 in Berlin.
  it.each([
    [
      'told on the last evening of the first month: extended',
      '2026-03-02T23:59:59+01:00',
      true,
      '2026-04-30',
    ],
    [
      'told at midnight after it: too late, the first date stands',
      '2026-03-03T00:00:00+01:00',
      false,
      '2026-03-02',
    ],
  ])('%s', (_story, extendedAt, inTime, effective) => {
    const deadlines = computeDeadlines(
      gdprRequest({ receivedAt: berlinMorning('2026-01-31'), extendedAt: new Date(extendedAt) }),
    )
    expect(deadlines.extension).toEqual({ at: new Date(extendedAt), noticeInTime: inTime })
    expect(deadlines.extendedDue?.label).toBe('Answer due (extended)')
    expect(deadlines.effective.date).toBe(effective)
  })
})

describe('UK GDPR: one month from the latest of receipt, identity and fee; clarifications stop the clock', () => {
  const uk = (overrides: Partial<DeadlineInput>): DeadlineInput =>
    gdprRequest({ jurisdiction: 'uk_gdpr', timeZone: 'Europe/London', holidays: ENGLAND, ...overrides })
  const londonMorning = (date: string) => new Date(`${date}T09:00:00Z`)

  it.each([
    ['an end on Good Friday 2026 moves past Easter Monday', '2026-03-03', '2026-04-07'],
    ['an end on the Boxing Day substitute (Mon 28 Dec 2026) moves to Tuesday', '2026-11-28', '2026-12-29'],
    ['an end on Saturday 26 Dec 2026 moves past the substitute Monday', '2026-11-26', '2026-12-29'],
    [
      'Christmas 2027 on a Saturday: both substitute days (27, 28 Dec) are skipped',
      '2027-11-27',
      '2027-12-29',
    ],
    ['the early May bank holiday moved to Friday 8 May in 2020', '2020-04-08', '2020-05-11'],
    ['Monday 4 May 2020 was a working day', '2020-04-04', '2020-05-04'],
    ['an end on the summer bank holiday (31 Aug 2026) moves to Tuesday', '2026-07-31', '2026-09-01'],
  ])('%s', (_story, received, expected) => {
    expect(computeDeadlines(uk({ receivedAt: londonMorning(received) })).due.date).toBe(expected)
  })

  // Received Tuesday 3 March 2026 (London is on GMT until 29 March).
  it.each([
    [
      'identity information received 10 March: the month starts then',
      { pauses: [pause('2026-03-03T10:00:00Z', '2026-03-10T15:00:00Z')] },
      '2026-04-10',
    ],
    [
      'fee paid 12 March: ends Sunday 12 April, so Monday',
      { feePaidAt: new Date('2026-03-12T12:00:00Z') },
      '2026-04-13',
    ],
    [
      'identity on 10 March and fee on 12 March: the later one counts',
      {
        pauses: [pause('2026-03-03T10:00:00Z', '2026-03-10T15:00:00Z')],
        feePaidAt: new Date('2026-03-12T12:00:00Z'),
      },
      '2026-04-13',
    ],
    [
      'identity on 10 March, then a clarification 20-23 March: four more days',
      {
        pauses: [
          pause('2026-03-03T10:00:00Z', '2026-03-10T15:00:00Z'),
          pause('2026-03-20T10:00:00Z', '2026-03-23T08:00:00Z', 'clarification'),
        ],
      },
      '2026-04-14',
    ],
  ])('%s', (_story, overrides, expected) => {
    expect(computeDeadlines(uk({ receivedAt: londonMorning('2026-03-03'), ...overrides })).due.date).toBe(
      expected,
    )
  })

  // Received Monday 1 June 2026 (BST): without pauses due Wednesday 1 July.
  it.each([
    [
      'clarification asked 5 June, answered 8 June: 4 days do not count, Sunday 5 July → Monday',
      [pause('2026-06-05T10:00:00+01:00', '2026-06-08T16:00:00+01:00', 'clarification')],
      undefined,
      '2026-07-06',
      false,
    ],
    [
      'clarification asked 5 June, still unanswered on 20 June: at least 17 July',
      [pause('2026-06-05T10:00:00+01:00', null, 'clarification')],
      new Date('2026-06-20T12:00:00+01:00'),
      '2026-07-17',
      true,
    ],
    [
      'clarification asked 5 June, unanswered, no today given: at least 2 July',
      [pause('2026-06-05T10:00:00+01:00', null, 'clarification')],
      undefined,
      '2026-07-02',
      true,
    ],
    [
      'identity asked 2 June, not yet received on 10 June: the clock has not started',
      [pause('2026-06-02T10:00:00+01:00', null)],
      new Date('2026-06-10T12:00:00+01:00'),
      '2026-07-10',
      true,
    ],
    [
      'a clarification before the identity arrived (5 June) changes nothing',
      [
        pause('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00'),
        pause('2026-06-02T10:00:00+01:00', '2026-06-03T10:00:00+01:00', 'clarification'),
      ],
      undefined,
      '2026-07-06',
      false,
    ],
    [
      'a clarification after the answer was due changes nothing',
      [pause('2026-07-10T10:00:00+01:00', '2026-07-12T10:00:00+01:00', 'clarification')],
      undefined,
      '2026-07-01',
      false,
    ],
  ] as const)('%s', (_story, pauses, asOf, expected, paused) => {
    const deadlines = computeDeadlines(
      uk({ receivedAt: new Date('2026-06-01T09:00:00+01:00'), pauses: [...pauses], asOf }),
    )
    expect(deadlines.due.date).toBe(expected)
    expect(deadlines.due.pausedSince !== undefined).toBe(paused)
    expect(deadlines.adjusted).toBeUndefined()
  })

  it.each([
    ['no pause: 1 September', [], '2026-09-01'],
    [
      'with a 4-day clarification: Saturday 5 September, so Monday',
      [pause('2026-06-05T10:00:00+01:00', '2026-06-08T16:00:00+01:00', 'clarification')],
      '2026-09-07',
    ],
  ])('extended by two further months, %s', (_story, pauses, expected) => {
    const deadlines = computeDeadlines(uk({ receivedAt: new Date('2026-06-01T09:00:00+01:00'), pauses }))
    expect(deadlines.extendedDue?.date).toBe(expected)
  })

  it('gives the extension notice the days of a clarification too', () => {
    const deadlines = computeDeadlines(
      uk({
        receivedAt: new Date('2026-06-01T09:00:00+01:00'),
        pauses: [pause('2026-06-05T10:00:00+01:00', '2026-06-08T16:00:00+01:00', 'clarification')],
        extendedAt: new Date('2026-07-03T10:00:00+01:00'),
      }),
    )
    expect(deadlines.extensionNoticeBy?.date).toBe('2026-07-06')
    expect(deadlines.extension?.noticeInTime).toBe(true)
    expect(deadlines.effective.date).toBe('2026-09-07')
  })
})

describe('CCPA/CPRA: 45 calendar days, whatever the verification takes', () => {
  const ccpa = (overrides: Partial<DeadlineInput>): DeadlineInput =>
    gdprRequest({ jurisdiction: 'ccpa', timeZone: 'America/Los_Angeles', holidays: US, ...overrides })
  const laMorning = (date: string) => new Date(`${date}T09:00:00-08:00`)

  it.each([
    ['5 Jan 2026 → 19 Feb', '2026-01-05', '2026-02-19'],
    ['20 Nov 2026 → 4 Jan 2027', '2026-11-20', '2027-01-04'],
    ['22 Jan 2026 → Sunday 8 March: calendar days are not moved', '2026-01-22', '2026-03-08'],
    ['1 Feb 2028 → 17 March (29 February counts)', '2028-02-01', '2028-03-17'],
    ['1 Feb 2100 → 18 March (no 29 February)', '2100-02-01', '2100-03-18'],
  ])('%s', (_story, received, expected) => {
    expect(computeDeadlines(ccpa({ receivedAt: laMorning(received) })).due.date).toBe(expected)
  })

  it('extends once by 45 days: 5 Jan 2026 → 5 April, notice within the first 45 days', () => {
    const deadlines = computeDeadlines(ccpa({ receivedAt: laMorning('2026-01-05') }))
    expect(deadlines.extendedDue?.date).toBe('2026-04-05')
    expect(deadlines.extensionNoticeBy?.date).toBe('2026-02-19')
  })

  it.each([
    ['Mon 5 Jan 2026, skipping Martin Luther King Day (19 Jan)', '2026-01-05', '2026-01-20'],
    [
      'Fri 20 Nov 2026, skipping Thanksgiving (the Friday after is a working day)',
      '2026-11-20',
      '2026-12-07',
    ],
    ['Sat 27 Jun 2026, skipping Independence Day observed on Fri 3 July', '2026-06-27', '2026-07-13'],
  ])('confirms receipt within 10 business days (§7021(a)): %s', (_story, received, expected) => {
    expect(computeDeadlines(ccpa({ receivedAt: laMorning(received) })).acknowledgeBy?.date).toBe(expected)
  })

  it.each([
    ['Mon 15 Jun 2026, skipping Juneteenth and 3 July', '2026-06-15', '2026-07-08'],
    ["Fri 18 Dec 2026, skipping Christmas and New Year's Day", '2026-12-18', '2027-01-12'],
  ])('honours an opt-out within 15 business days (§7026(f)): %s', (_story, received, expected) => {
    const deadlines = computeDeadlines(ccpa({ type: 'opt_out', receivedAt: laMorning(received) }))
    expect(deadlines.due.date).toBe(expected)
    expect(deadlines.extendedDue).toBeUndefined()
    expect(deadlines.acknowledgeBy).toBeUndefined()
  })

  it('ignores identity waits, and asks no acknowledgement for requests outside §7021(a)', () => {
    const deadlines = computeDeadlines(
      ccpa({
        type: 'restriction',
        receivedAt: laMorning('2026-01-05'),
        pauses: [pause('2026-01-06T10:00:00-08:00', '2026-01-20T10:00:00-08:00')],
      }),
    )
    expect(deadlines.due.date).toBe('2026-02-19')
    expect(deadlines.acknowledgeBy).toBeUndefined()
  })
})

describe('LGPD (Art. 19): confirmation at once, the full statement within 15 days', () => {
  const lgpd = (received: string) =>
    computeDeadlines(
      gdprRequest({
        jurisdiction: 'lgpd',
        timeZone: 'America/Sao_Paulo',
        holidays: BRAZIL,
        receivedAt: new Date(received),
      }),
    )

  it.each([
    ['1 Apr 2026 → 16 April', '2026-04-01T10:00:00-03:00', '2026-04-01', '2026-04-16'],
    [
      '6 Apr 2026 → Tiradentes (21 April), not moved',
      '2026-04-06T10:00:00-03:00',
      '2026-04-06',
      '2026-04-21',
    ],
    [
      '23:30 on 1 April in São Paulo (already 2 April in UTC)',
      '2026-04-01T23:30:00-03:00',
      '2026-04-01',
      '2026-04-16',
    ],
  ])('%s', (_story, received, confirm, expected) => {
    const deadlines = lgpd(received)
    expect(deadlines.acknowledgeBy?.date).toBe(confirm)
    expect(deadlines.due.date).toBe(expected)
    expect(deadlines.extendedDue).toBeUndefined()
  })
})

describe('other jurisdictions: 30 calendar days by default', () => {
  it.each([
    ['1 Jun 2026 → 1 July', '2026-06-01', '2026-07-01'],
    ['31 Jan 2026 → 2 March (Monday)', '2026-01-31', '2026-03-02'],
  ])('%s', (_story, received, expected) => {
    const deadlines = computeDeadlines(
      gdprRequest({ jurisdiction: 'other', receivedAt: berlinMorning(received) }),
    )
    expect(deadlines.due.date).toBe(expected)
    expect(deadlines.extendedDue).toBeUndefined()
  })
})

describe('time zones: the day of receipt is the day in the workspace zone', () => {
  it.each([
    [
      '00:30 on 1 March in Berlin (still 28 February in UTC) → 1 April',
      'gdpr',
      '2026-03-01T00:30:00+01:00',
      'Europe/Berlin',
      '2026-04-01',
    ],
    [
      'the same instant in a UTC workspace is 28 February → Saturday 28 March → Monday 30 March',
      'gdpr',
      '2026-02-28T23:30:00Z',
      'UTC',
      '2026-03-30',
    ],
    [
      '23:30 on 31 January in Berlin → Monday 2 March',
      'gdpr',
      '2026-01-31T23:30:00+01:00',
      'Europe/Berlin',
      '2026-03-02',
    ],
    [
      '20:00 on 31 March in Los Angeles (1 April in UTC) → 15 May',
      'ccpa',
      '2026-03-31T20:00:00-07:00',
      'America/Los_Angeles',
      '2026-05-15',
    ],
    [
      'the second 01:30 of 1 Nov 2026 in Los Angeles (after the clocks went back) → 16 December',
      'ccpa',
      '2026-11-01T01:30:00-08:00',
      'America/Los_Angeles',
      '2026-12-16',
    ],
    [
      '00:30 BST on 1 July in London (30 June in UTC) → Saturday 1 August → Monday 3 August',
      'uk_gdpr',
      '2026-06-30T23:30:00Z',
      'Europe/London',
      '2026-08-03',
    ],
    [
      '01:30 on 29 March in Berlin, the night the clocks go forward → 29 April',
      'gdpr',
      '2026-03-29T01:30:00+01:00',
      'Europe/Berlin',
      '2026-04-29',
    ],
  ] as const)('%s', (_story, jurisdiction, received, timeZone, expected) => {
    const holidays = { gdpr: GERMANY, uk_gdpr: ENGLAND, ccpa: US }[jurisdiction]
    const deadlines = computeDeadlines(
      gdprRequest({ jurisdiction, receivedAt: new Date(received), timeZone, holidays }),
    )
    expect(deadlines.due.date).toBe(expected)
  })

  // The internal target of one day after a noon receipt lands on the date under test.
  it.each([
    [
      'Berlin in winter',
      'Europe/Berlin',
      '2026-01-14T12:00:00+01:00',
      '2026-01-15',
      '2026-01-15T23:00:00.000Z',
    ],
    [
      'Berlin, the day before the clocks go forward',
      'Europe/Berlin',
      '2026-03-27T12:00:00+01:00',
      '2026-03-28',
      '2026-03-28T23:00:00.000Z',
    ],
    [
      'Berlin, the 23-hour day',
      'Europe/Berlin',
      '2026-03-28T12:00:00+01:00',
      '2026-03-29',
      '2026-03-29T22:00:00.000Z',
    ],
    [
      'Berlin, the day before the clocks go back',
      'Europe/Berlin',
      '2026-10-23T12:00:00+02:00',
      '2026-10-24',
      '2026-10-24T22:00:00.000Z',
    ],
    [
      'Berlin, the 25-hour day',
      'Europe/Berlin',
      '2026-10-24T12:00:00+02:00',
      '2026-10-25',
      '2026-10-25T23:00:00.000Z',
    ],
    [
      'Los Angeles, before DST',
      'America/Los_Angeles',
      '2026-03-06T12:00:00-08:00',
      '2026-03-07',
      '2026-03-08T08:00:00.000Z',
    ],
    [
      'Los Angeles, the 23-hour day',
      'America/Los_Angeles',
      '2026-03-07T12:00:00-08:00',
      '2026-03-08',
      '2026-03-09T07:00:00.000Z',
    ],
    [
      'Santiago, where the next day has no midnight (starts 01:00)',
      'America/Santiago',
      '2026-09-04T12:00:00-04:00',
      '2026-09-05',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'Santiago, the 25-hour day',
      'America/Santiago',
      '2026-04-03T12:00:00-03:00',
      '2026-04-04',
      '2026-04-05T04:00:00.000Z',
    ],
    [
      'Kolkata (+05:30)',
      'Asia/Kolkata',
      '2026-05-09T12:00:00+05:30',
      '2026-05-10',
      '2026-05-10T18:30:00.000Z',
    ],
    ['UTC', 'UTC', '2026-06-30T12:00:00Z', '2026-07-01', '2026-07-02T00:00:00.000Z'],
  ])('a day ends at the next local midnight: %s', (_story, timeZone, received, date, endsAt) => {
    const { internalTarget } = computeDeadlines(
      gdprRequest({ receivedAt: new Date(received), timeZone, holidays: NO_HOLIDAYS, internalTargetDays: 1 }),
    )
    expect(internalTarget?.date).toBe(date)
    expect(internalTarget?.endsAt.toISOString()).toBe(endsAt)
  })
})

describe('internal target: N calendar days from receipt, beside the legal date', () => {
  it.each([
    ['20 days from 1 Jun 2026 → Sunday 21 June (not moved)', 'gdpr', 20, '2026-06-21', '2026-07-01'],
    ['10 days from 1 Jun 2026 under the CCPA', 'ccpa', 10, '2026-06-11', '2026-07-16'],
  ] as const)('%s', (_story, jurisdiction, days, target, legal) => {
    const deadlines = computeDeadlines(
      gdprRequest({
        jurisdiction,
        receivedAt: new Date('2026-06-01T10:00:00+02:00'),
        internalTargetDays: days,
      }),
    )
    expect(deadlines.internalTarget).toMatchObject({ label: 'Internal target', date: target })
    expect(deadlines.due.date).toBe(legal)
  })

  it('is absent when the workspace sets none', () => {
    expect(computeDeadlines(gdprRequest()).internalTarget).toBeUndefined()
  })
})

describe('dueState', () => {
  const deadline: Deadline = {
    label: 'Answer due',
    date: '2026-07-01',
    endsAt: new Date('2026-07-02T00:00:00Z'),
    basis: 'test',
  }
  it.each([
    ['more than 7 days left', '2026-06-20T00:00:00Z', 'on_track'],
    ['7 days and a second left', '2026-06-24T23:59:59Z', 'on_track'],
    ['exactly 7 days left', '2026-06-25T00:00:00Z', 'due_soon'],
    ['the last millisecond of the last day', '2026-07-01T23:59:59.999Z', 'due_soon'],
    ['the first instant after the last day', '2026-07-02T00:00:00Z', 'overdue'],
    ['a month later', '2026-08-01T00:00:00Z', 'overdue'],
  ])('%s: %s', (_story, now, state) => {
    expect(dueState(deadline, new Date(now))).toBe(state)
  })

  it('says paused while the clock stands still', () => {
    expect(
      dueState({ ...deadline, pausedSince: new Date('2026-06-05T00:00:00Z') }, new Date('2026-08-01')),
    ).toBe('paused')
  })
})

describe('bad input', () => {
  it.each([
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }],
    ['an invalid receipt date', { receivedAt: new Date('not a date') }],
    [
      'a pause that ends before it starts',
      { pauses: [pause('2026-06-05T10:00:00Z', '2026-06-04T10:00:00Z')] },
    ],
    ['an internal target of 0 days', { internalTargetDays: 0 }],
    ['an internal target of 1.5 days', { internalTargetDays: 1.5 }],
  ])('throws a RangeError on %s', (_story, overrides) => {
    expect(() => computeDeadlines(gdprRequest(overrides))).toThrow(RangeError)
  })
})
