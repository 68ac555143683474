// The two clocks of a vulnerability report: the acknowledgement the workspace promises (24 h,
// 48 h, or by the end of the next working day in its time zone and holiday calendar) and the
// date from which the reporter may disclose. Pure: no I/O, table-tested.
import { type HolidayCalendar, isWorkingDay } from '~/modules/dsar/holidays'

export const ACKNOWLEDGEMENT_TARGETS = {
  '24h': 'Within 24 hours',
  '48h': 'Within 48 hours',
  one_business_day: 'By the end of the next working day',
} as const
export type AcknowledgementTarget = keyof typeof ACKNOWLEDGEMENT_TARGETS
export const ACKNOWLEDGEMENT_TARGET_KEYS = Object.keys(ACKNOWLEDGEMENT_TARGETS) as [
  AcknowledgementTarget,
  ...AcknowledgementTarget[],
]

export function isAcknowledgementTarget(value: string): value is AcknowledgementTarget {
  return Object.hasOwn(ACKNOWLEDGEMENT_TARGETS, value)
}

/** Where and how the workspace counts working days. */
export type WorkingCalendar = { timeZone: string; holidays: HolidayCalendar }

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

const formatters = new Map<string, Intl.DateTimeFormat>()

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
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

/** The wall clock at `instant` in `timeZone`, read as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  )
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
}

const offsetAt = (instant: number, timeZone: string) => wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000

/** YYYY-MM-DD of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10)
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/**
 * The first instant of a local date in `timeZone`: its midnight, or the end of the gap when a
 * clock change skips midnight.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`)
  const first = midnight - offsetAt(midnight, timeZone)
  const second = midnight - offsetAt(first, timeZone)
  const candidates = [first, second].filter((at) => wallClock(at, timeZone) === midnight)
  if (candidates.length > 0) return new Date(Math.min(...candidates))
  // Midnight does not exist that day: the day begins where the clock jumps to.
  return new Date(Math.max(first, second))
}

/**
 * When a report received at `receivedAt` must be acknowledged, as an exclusive end instant (late
 * from that instant on). "One business day" is the end of the first working day after the day
 * of receipt, in the workspace's time zone and calendar: a report that arrives on a Friday, a
 * Saturday or a Sunday is acknowledged by the end of Monday (Tuesday if Monday is a holiday).
 */
export function acknowledgementDue(receivedAt: Date, target: AcknowledgementTarget, calendar: WorkingCalendar): Date {
  switch (target) {
    case '24h':
      return new Date(receivedAt.getTime() + 24 * HOUR_MS)
    case '48h':
      return new Date(receivedAt.getTime() + 48 * HOUR_MS)
    case 'one_business_day': {
      let day = addDays(localDate(receivedAt, calendar.timeZone), 1)
      // A year of holidays in a row does not exist; the bound only guards against a bad calendar.
      for (let i = 0; i < 366 && !isWorkingDay(calendar.holidays, day); i++) day = addDays(day, 1)
      return startOfLocalDay(addDays(day, 1), calendar.timeZone)
    }
  }
}

/** The day from which the reporter may disclose: `days` full days after receipt. */
export function disclosureDue(receivedAt: Date, days: number): Date {
  return new Date(receivedAt.getTime() + days * DAY_MS)
}

/** A disclosure date chosen by staff (YYYY-MM-DD, the workspace's zone), as an exclusive end. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone)
}

export type TimerBadge = { kind: 'overdue' | 'due_soon' | 'on_track'; label: string }

export type ReportClock = {
  state: 'received' | 'acknowledged' | 'triaged' | 'fixed' | 'disclosed' | 'rejected'
  acknowledgeBy: Date
  disclosureDueAt: Date
}

/** Less than this left: the acknowledgement is due soon. */
export const ACKNOWLEDGEMENT_DUE_SOON_MS = 12 * HOUR_MS
/** Less than this left: the disclosure date is near. */
export const DISCLOSURE_DUE_SOON_MS = 14 * DAY_MS

function timeLeft(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.ceil(ms / 60_000))} min`
  if (ms < 2 * DAY_MS) return `${Math.ceil(ms / HOUR_MS)} h`
  return `${Math.ceil(ms / DAY_MS)} days`
}

/**
 * How the report's two clocks stand at `now`. The acknowledgement clock runs only while nobody
 * has answered; the disclosure clock until the report is disclosed or rejected.
 */
export function reportTimers(report: ReportClock, now: Date): { acknowledgement: TimerBadge | null; disclosure: TimerBadge | null } {
  const closed = report.state === 'disclosed' || report.state === 'rejected'
  return {
    acknowledgement: report.state === 'received' ? badge(report.acknowledgeBy, now, ACKNOWLEDGEMENT_DUE_SOON_MS) : null,
    disclosure: closed ? null : badge(report.disclosureDueAt, now, DISCLOSURE_DUE_SOON_MS),
  }
}

function badge(due: Date, now: Date, soon: number): TimerBadge {
  const left = due.getTime() - now.getTime()
  if (left <= 0) return { kind: 'overdue', label: `Overdue by ${timeLeft(-left)}` }
  if (left <= soon) return { kind: 'due_soon', label: `Due in ${timeLeft(left)}` }
  return { kind: 'on_track', label: `${timeLeft(left)} left` }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "Monday 9 March 2026" for a YYYY-MM-DD date (the same whatever the ICU data says). */
export function longDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`)
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`
}

/**
 * A deadline stored as its exclusive end, the way a person reads it: "the end of Monday 9 March
 * 2026 (Europe/Berlin time)" when it ends at midnight, else "Saturday 7 March 2026, 15:00
 * (Europe/Berlin time)".
 */
export function describeDeadline(end: Date, timeZone: string): string {
  const wall = new Date(wallClock(end.getTime(), timeZone))
  const zone = `(${timeZone} time)`
  if (wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0) {
    return `the end of ${longDate(localDate(new Date(end.getTime() - 1), timeZone))} ${zone}`
  }
  return `${longDate(localDate(end, timeZone))}, ${wall.toISOString().slice(11, 16)} ${zone}`
}
