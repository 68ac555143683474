// The legal deadlines of a privacy request under each law, counted in the workspace's time zone
// and holiday calendar. Pure (no I/O, no clock): the browser and the server compute the same.
//
// Dates are whole days in the workspace's zone. A deadline's `endsAt` is an exclusive bound: the
// first instant of the next day there (local midnight, found with Intl.DateTimeFormat, so a
// 23- or 25-hour DST day ends at the right instant). The answer is late once `now >= endsAt`.
import { type HolidayCalendar, isHoliday } from './holidays'
import type { Jurisdiction, RequestType } from './request-kinds'

/**
 * A time the clock stood still. `identity`: waiting for the information that proves who the
 * requester is; `clarification`: waiting for the requester to say what the request covers.
 * `to` is null while still waiting.
 */
export type Pause = { from: Date; to: Date | null; reason: 'identity' | 'clarification' }

/** Which GDPR date drives the badge: the statutory one, or the one without identity waits. */
export type DeadlineBasis = 'statutory' | 'adjusted'

export type DeadlineInput = {
  jurisdiction: Jurisdiction
  type: RequestType
  /** When the request was received in law (the e-mail confirmed). */
  receivedAt: Date
  /** The workspace's IANA time zone: days begin and end there. */
  timeZone: string
  holidays: HolidayCalendar
  pauses?: readonly Pause[]
  /** When the requester was told of an extension; ignored where the law allows none. */
  extendedAt?: Date | null
  /** UK GDPR: when a fee asked for was paid (the clock starts no earlier). */
  feePaidAt?: Date | null
  /** The workspace's own, stricter target: calendar days from receipt. */
  internalTargetDays?: number | null
  /** GDPR only; default statutory. */
  deadlineBasis?: DeadlineBasis
  /**
   * Where a pause is still open: the day it is assumed to end (usually today). Without it an
   * open pause counts as ending the day it began, which gives the earliest possible date.
   */
  asOf?: Date
}

export type Deadline = {
  label: string
  /** The last day, YYYY-MM-DD in the workspace's time zone. */
  date: string
  /** Exclusive: the first instant after `date` in the workspace's time zone. */
  endsAt: Date
  /** The legal source of the rule (or the workspace setting). */
  basis: string
  /** Set while an open pause holds this deadline: the date assumes the clock restarts `asOf`. */
  pausedSince?: Date
}

export type Deadlines = {
  /** The statutory date for the answer (the opt-out itself for a CCPA opt-out). */
  due: Deadline
  /** GDPR: the same period with the days spent waiting for identity information left out. */
  adjusted?: Deadline
  /** Where the law allows an extension: the date if extended (or as extended). */
  extendedDue?: Deadline
  /** Present once extended: whether the notice reached the requester within the first period. */
  extension?: { at: Date; noticeInTime: boolean }
  extensionNoticeBy?: Deadline
  /** GDPR and UK GDPR Art. 12(4): a refusal to act, with its reasons, within the first period. */
  refusalBy?: Deadline
  acknowledgeBy?: Deadline
  internalTarget?: Deadline
  /** The deadline that drives the badge: the basis the workspace chose, or the valid extension. */
  effective: Deadline
}

export type DueState = 'on_track' | 'due_soon' | 'overdue' | 'paused'

const DAY_MS = 86_400_000
const DUE_SOON_MS = 7 * DAY_MS

const SOURCES = {
  gdpr: 'GDPR Art. 12(3); counted per Regulation (EEC, Euratom) No 1182/71 Art. 3',
  gdprAdjusted:
    'GDPR Art. 12(3) and 12(6), days waiting for identity information left out (the Regulation has no explicit pause)',
  gdprExtension:
    'GDPR Art. 12(3): two further months, the requester told with reasons within the first month',
  gdprRefusal: 'GDPR Art. 12(4)',
  uk: 'UK GDPR Art. 12A (Data (Use and Access) Act 2025): one month from the latest of receipt, identity information and fee; clarification waits do not count',
  ukExtension: 'UK GDPR Art. 12A: two further months, notice with reasons within the first month',
  ukRefusal: 'UK GDPR Art. 12(4)',
  ccpa: 'Cal. Civ. Code §1798.130(a)(2)(A); CCPA Regulations §7021(b): 45 calendar days from receipt',
  ccpaExtension:
    'Cal. Civ. Code §1798.130(a)(2)(A); CCPA Regulations §7021(b): once, by 45 days, with notice and reasons',
  ccpaAcknowledge: 'CCPA Regulations §7021(a): 10 business days',
  ccpaOptOut: 'CCPA Regulations §7026(f): 15 business days',
  lgpdConfirm: 'LGPD Art. 19 I: immediately, in simplified format',
  lgpd: 'LGPD Art. 19 II: 15 days from the request',
  other: 'No specific law: Candor default of 30 calendar days',
  internal: 'Workspace internal target',
} as const

// ─── Days in a time zone ──────────────────────────────────────────────────────────────────

// Formatters are slow to build; one per zone, made on first use. `format` (fixed-width
// "MM/DD/YYYY, HH:mm:ss") is about three times faster than `formatToParts`.
const formatters = new Map<string, Intl.DateTimeFormat>()

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock reading in the zone at an instant, as milliseconds of that reading in UTC. */
function wallClock(instant: number, timeZone: string): number {
  const text = zoneFormatter(timeZone).format(instant)
  const comma = text.indexOf(',', 6)
  const time = comma + 2
  return Date.UTC(
    Number(text.slice(6, comma)),
    Number(text.slice(0, 2)) - 1,
    Number(text.slice(3, 5)),
    Number(text.slice(time, time + 2)),
    Number(text.slice(time + 3, time + 5)),
    Number(text.slice(time + 6, time + 8)),
  )
}

const offsetAt = (instant: number, timeZone: string) =>
  wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000

/** The local day (days since 1970-01-01) of an instant. */
const localDay = (instant: number, timeZone: string) => Math.floor(wallClock(instant, timeZone) / DAY_MS)

/**
 * The first instant of a local day: its midnight, or, where DST skips midnight (America/Santiago,
 * Asia/Beirut), the moment the clocks jump, which is then the first instant of that day.
 */
function startOfDay(day: number, timeZone: string): number {
  const key = `${timeZone} ${day}`
  let start = dayStarts.get(key)
  if (start === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear()
    start = findStartOfDay(day, timeZone)
    dayStarts.set(key, start)
  }
  return start
}

// Every deadline ends at a day's start, and requests share their days: remembered per zone
// and day (a pure function of both, for the process's time-zone data).
const dayStarts = new Map<string, number>()
const DAY_STARTS_KEPT = 20_000

function findStartOfDay(day: number, timeZone: string): number {
  const midnightUtc = day * DAY_MS
  const before = offsetAt(midnightUtc, timeZone)
  const first = midnightUtc - before
  const after = offsetAt(first, timeZone)
  if (after === before) return first
  const second = midnightUtc - after
  if (offsetAt(second, timeZone) === after) return second
  // Midnight does not exist: the clocks jump forward at midnight (old offset), the instant
  // `first`, whose local reading is already the new day.
  return first
}

/** YYYY-MM-DD of a day number, by arithmetic (H. Hinnant's civil_from_days): hot, avoids Date. */
function isoOf(day: number): string {
  const shifted = day + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const date = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`
}

/** Monday to Friday and not a holiday (1970-01-01, day 0, was a Thursday). */
function isWorkingDay(day: number, holidays: HolidayCalendar): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7
  return weekday !== 0 && weekday !== 6 && !isHoliday(holidays, isoOf(day))
}

// ─── Counting rules ───────────────────────────────────────────────────────────────────────

/**
 * The day with the same date number `months` later, or the last day of that month when it has
 * no such date (Regulation 1182/71 Art. 3(2)(c): 31 January → 28/29 February).
 */
function monthsLater(day: number, months: number): number {
  const date = new Date(day * DAY_MS)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + months
  const sameDate = Date.UTC(year, month, date.getUTCDate()) / DAY_MS
  const lastOfMonth = Date.UTC(year, month + 1, 0) / DAY_MS
  return Math.min(sameDate, lastOfMonth)
}

/** An end on a Saturday, Sunday or holiday moves to the next working day (1182/71 Art. 3(4)). */
function nextWorkingDay(day: number, holidays: HolidayCalendar): number {
  let result = day
  while (!isWorkingDay(result, holidays)) result++
  return result
}

/** The nth working day after `day` (the day itself not counted). */
function businessDaysLater(day: number, count: number, holidays: HolidayCalendar): number {
  let result = day
  for (let counted = 0; counted < count;) {
    result++
    if (isWorkingDay(result, holidays)) counted++
  }
  return result
}

type PausedDays = { first: number; last: number; openSince: Date | null }

/**
 * Local days of a pause, both ends included: the day the question went out and the day the
 * answer came in do not count (the UK rule, Art. 12A, used for the GDPR adjusted date too).
 */
function pausedDays(pause: Pause, timeZone: string, asOf: Date | undefined): PausedDays {
  const first = localDay(pause.from.getTime(), timeZone)
  if (pause.to) return { first, last: localDay(pause.to.getTime(), timeZone), openSince: null }
  const last = asOf ? Math.max(first, localDay(asOf.getTime(), timeZone)) : first
  return { first, last, openSince: pause.from }
}

/**
 * A period that started on `start` and would end on `end`, with paused days after the start
 * not counting: each paused day within the (growing) period pushes the end one day on, so the
 * time left when the clock stopped is carried over when it restarts.
 */
function withoutPausedDays(start: number, end: number, pauses: readonly PausedDays[]) {
  const ranges = pauses
    .map((pause) => ({ ...pause, first: Math.max(pause.first, start + 1) }))
    .filter((pause) => pause.last >= pause.first)
    .sort((a, b) => a.first - b.first)
  let result = end
  let countedUntil = start
  let pausedSince: Date | undefined
  for (const range of ranges) {
    if (range.first > result) break
    const from = Math.max(range.first, countedUntil + 1)
    if (range.last >= from) {
      result += range.last - from + 1
      countedUntil = range.last
    }
    if (range.openSince) pausedSince ??= range.openSince
  }
  return { end: result, pausedSince }
}

// ─── The laws ─────────────────────────────────────────────────────────────────────────────

type Context = {
  input: DeadlineInput
  received: number
  make: (label: string, day: number, basis: string, pausedSince?: Date) => Deadline
}

type LawDeadlines = Omit<Deadlines, 'extension' | 'internalTarget' | 'effective'> & {
  /** The deadline `effective` starts from (before any extension). */
  base: Deadline
}

// GDPR Art. 12(3)-(4). The day of receipt does not count and a one-month period ends on the
// same date next month (or that month's last day), moved off weekends and holidays:
// Regulation 1182/71 Art. 3(1), 3(2)(c), 3(4). The extended date is three months from receipt,
// counted the same way (EDPB Guidelines 01/2022 on the right of access: at most three months).
function gdpr({ input, received, make }: Context): LawDeadlines {
  const { holidays, timeZone } = input
  const identity = (input.pauses ?? [])
    .filter((pause) => pause.reason === 'identity')
    .map((pause) => pausedDays(pause, timeZone, input.asOf))
  const oneMonth = monthsLater(received, 1)
  const threeMonths = monthsLater(received, 3)
  const adjustedEnd = withoutPausedDays(received, oneMonth, identity)
  const due = make('Answer due', nextWorkingDay(oneMonth, holidays), SOURCES.gdpr)
  const adjusted = make(
    'Answer due, identity waits left out',
    nextWorkingDay(adjustedEnd.end, holidays),
    SOURCES.gdprAdjusted,
    adjustedEnd.pausedSince,
  )
  const base = input.deadlineBasis === 'adjusted' ? adjusted : due
  const extended =
    base === adjusted
      ? withoutPausedDays(received, threeMonths, identity)
      : { end: threeMonths, pausedSince: undefined }
  return {
    due,
    adjusted,
    base,
    extendedDue: make(
      input.extendedAt ? 'Answer due (extended)' : 'Answer due if extended',
      nextWorkingDay(extended.end, holidays),
      SOURCES.gdprExtension,
      extended.pausedSince,
    ),
    extensionNoticeBy: relabel(
      base,
      'Tell the requester of an extension, with reasons',
      SOURCES.gdprExtension,
    ),
    refusalBy: relabel(base, 'Tell the requester of a refusal, with reasons', SOURCES.gdprRefusal),
  }
}

// UK GDPR Art. 12A (inserted by the Data (Use and Access) Act 2025, in force February 2026): one
// month beginning with the latest of receipt, receipt of the identity information asked for and
// payment of a fee; days from asking for a clarification to getting it do not count, for the
// answer nor for the extension notice. Counted as the ICO's guidance does (same date next month,
// a weekend or bank holiday moves it to the next working day).
function ukGdpr({ input, received, make }: Context): LawDeadlines {
  const { holidays, timeZone } = input
  const pauses = input.pauses ?? []
  let start = received
  let waitingForIdentity: Date | undefined
  for (const pause of pauses) {
    if (pause.reason !== 'identity') continue
    const { last, openSince } = pausedDays(pause, timeZone, input.asOf)
    start = Math.max(start, last)
    if (openSince) waitingForIdentity ??= openSince
  }
  if (input.feePaidAt) start = Math.max(start, localDay(input.feePaidAt.getTime(), timeZone))

  const clarifications = pauses
    .filter((pause) => pause.reason === 'clarification')
    .map((pause) => pausedDays(pause, timeZone, input.asOf))
  const first = withoutPausedDays(start, monthsLater(start, 1), clarifications)
  const extended = withoutPausedDays(start, monthsLater(start, 3), clarifications)
  const pausedSince = waitingForIdentity ?? first.pausedSince
  const due = make('Answer due', nextWorkingDay(first.end, holidays), SOURCES.uk, pausedSince)
  return {
    due,
    base: due,
    extendedDue: make(
      input.extendedAt ? 'Answer due (extended)' : 'Answer due if extended',
      nextWorkingDay(extended.end, holidays),
      SOURCES.ukExtension,
      waitingForIdentity ?? extended.pausedSince,
    ),
    extensionNoticeBy: relabel(due, 'Tell the requester of an extension, with reasons', SOURCES.ukExtension),
    refusalBy: relabel(due, 'Tell the requester of a refusal, with reasons', SOURCES.ukRefusal),
  }
}

// CCPA/CPRA: 45 calendar days from receipt whatever the time verification takes (Regs §7021(b)),
// so pauses do not matter. Calendar days are not moved off weekends: the Regulations say
// "calendar days" (Cal. Civ. Code §11 would allow the next business day; the earlier date is
// the safe one). Opt-out of sale/sharing: 15 business days (§7026(f)), no extension.
function ccpa({ input, received, make }: Context): LawDeadlines {
  const { holidays, type } = input
  if (type === 'opt_out') {
    const due = make('Opt-out honoured', businessDaysLater(received, 15, holidays), SOURCES.ccpaOptOut)
    return { due, base: due }
  }
  const due = make('Answer due', received + 45, SOURCES.ccpa)
  // §7021(a) covers requests to know, delete and correct; restriction and objection are not
  // CCPA rights, so they only get the 45 days.
  const acknowledged =
    type === 'access' || type === 'portability' || type === 'erasure' || type === 'rectification'
  return {
    due,
    base: due,
    extendedDue: make(
      input.extendedAt ? 'Answer due (extended)' : 'Answer due if extended',
      received + 90,
      SOURCES.ccpaExtension,
    ),
    extensionNoticeBy: relabel(
      due,
      'Tell the requester of an extension, with reasons',
      SOURCES.ccpaExtension,
    ),
    ...(acknowledged
      ? {
          acknowledgeBy: make(
            'Confirm receipt',
            businessDaysLater(received, 10, holidays),
            SOURCES.ccpaAcknowledge,
          ),
        }
      : {}),
  }
}

// LGPD Art. 19: confirmation "imediatamente" in simplified format (taken as the day of receipt),
// the clear and complete statement within 15 days of the request. Art. 18 §5 leaves the other
// rights to a regulation not yet made; the same 15 days are used. Not moved off holidays (the
// earlier date; Código Civil Art. 132 §1 would move an end on a holiday to the next working day).
function lgpd({ received, make }: Context): LawDeadlines {
  const due = make('Full statement due', received + 15, SOURCES.lgpd)
  return {
    due,
    base: due,
    acknowledgeBy: make('Confirm processing (simplified format)', received, SOURCES.lgpdConfirm),
  }
}

// No specific law: Candor's default of 30 calendar days from receipt, not moved off weekends.
// It is no longer than the GDPR's month, so a workspace that meets it rarely misses a law that
// turns out to apply; the workspace can set a stricter internal target.
function other({ received, make }: Context): LawDeadlines {
  const due = make('Answer due', received + 30, SOURCES.other)
  return { due, base: due }
}

const LAWS: Record<Jurisdiction, (context: Context) => LawDeadlines> = {
  gdpr,
  uk_gdpr: ukGdpr,
  ccpa,
  lgpd,
  other,
}

/** Another duty that falls due with the same day (and the same pause) as `deadline`. */
function relabel(deadline: Deadline, label: string, basis: string): Deadline {
  return { ...deadline, label, basis }
}

// ─── API ──────────────────────────────────────────────────────────────────────────────────

/** Every deadline of a privacy request; throws a RangeError on an unknown zone or bad input. */
export function computeDeadlines(input: DeadlineInput): Deadlines {
  const receivedMs = input.receivedAt.getTime()
  if (Number.isNaN(receivedMs)) throw new RangeError('receivedAt is not a valid date')
  for (const pause of input.pauses ?? []) {
    if (pause.to && pause.to < pause.from) throw new RangeError('A pause ends before it starts')
  }
  const target = input.internalTargetDays
  if (target != null && !(Number.isInteger(target) && target > 0)) {
    throw new RangeError('internalTargetDays must be a positive whole number')
  }

  const { timeZone } = input
  const received = localDay(receivedMs, timeZone)
  const make = (label: string, day: number, basis: string, pausedSince?: Date): Deadline => ({
    label,
    date: isoOf(day),
    endsAt: new Date(startOfDay(day + 1, timeZone)),
    basis,
    ...(pausedSince ? { pausedSince } : {}),
  })
  const { base, ...law } = LAWS[input.jurisdiction]({ input, received, make })

  const result: Deadlines = { ...law, effective: base }
  if (input.extendedAt && law.extendedDue && law.extensionNoticeBy) {
    const noticeInTime = input.extendedAt < law.extensionNoticeBy.endsAt
    result.extension = { at: input.extendedAt, noticeInTime }
    // A late notice does not extend anything: the first date stands.
    if (noticeInTime) result.effective = law.extendedDue
  }
  if (target != null) result.internalTarget = make('Internal target', received + target, SOURCES.internal)
  return result
}

/** How a deadline stands at `now`: due soon within 7 days of its end, overdue from its end. */
export function dueState(deadline: Deadline, now: Date): DueState {
  if (deadline.pausedSince) return 'paused'
  const left = deadline.endsAt.getTime() - now.getTime()
  if (left <= 0) return 'overdue'
  return left <= DUE_SOON_MS ? 'due_soon' : 'on_track'
}
