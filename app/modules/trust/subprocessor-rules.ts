// The rules of sub-processor change notices, pure (no I/O, no clock): the notice period counted
// in whole days of the workspace's time zone, when an announced change is due, what a second
// subscription for the same e-mail does, and when an unconfirmed subscription is deleted.

/** A calendar day as YYYY-MM-DD. */
export type Day = string

export const DEFAULT_NOTICE_DAYS = 30
export const MIN_NOTICE_DAYS = 1
export const MAX_NOTICE_DAYS = 365
/** A subscription never confirmed is deleted this long after it was asked for. */
export const UNCONFIRMED_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): boolean {
  if (!DAY_PATTERN.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar day it is at `instant` in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): Day {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // en-CA writes dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, formatter)
  }
  return formatter.format(instant)
}

/** `day` plus `days` calendar days. */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The earliest day a change proposed at `now` may take effect: today there + the notice period. */
export function earliestEffectiveDay(now: Date, timeZone: string, noticeDays: number): Day {
  return addDays(dayIn(now, timeZone), noticeDays)
}

/** "1 December 2026": how a day is written to people (e-mails, pages). */
export function formatDay(day: Day): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  )
}

export type EffectiveDayCheck = { ok: true } | { ok: false; earliest: Day; message: string }

/**
 * Whether a change may take effect on `effectiveOn`: no earlier than the notice period after
 * today, counted in the workspace's time zone. A refusal names the earliest allowed day.
 */
export function checkEffectiveDay(input: {
  effectiveOn: Day
  now: Date
  timeZone: string
  noticeDays: number
}): EffectiveDayCheck {
  const earliest = earliestEffectiveDay(input.now, input.timeZone, input.noticeDays)
  if (input.effectiveOn >= earliest) return { ok: true }
  return {
    ok: false,
    earliest,
    message:
      `Subscribers get ${input.noticeDays === 1 ? '1 day’s' : `${input.noticeDays} days’`} notice, so this change can take effect ` +
      `on ${earliest} (${formatDay(earliest)}) at the earliest.`,
  }
}

/** Whether an announced change effective on `effectiveOn` takes effect by `now` (its day has begun there). */
export function isDue(effectiveOn: Day, now: Date, timeZone: string): boolean {
  return dayIn(now, timeZone) >= effectiveOn
}

export type ExistingSubscription = { confirmedAt: Date | null; unsubscribedAt: Date | null } | null

/**
 * What a subscription request does for an e-mail that may already have a subscription: one
 * subscription per e-mail, always. A confirmed, active one stays as it is (no e-mail: the
 * person already receives notices); an unconfirmed one gets its confirmation again; one that
 * was unsubscribed must be confirmed afresh.
 */
export type SubscribeAction = 'create' | 'resend_confirmation' | 'already_subscribed' | 'resubscribe'

export function subscribeAction(existing: ExistingSubscription): SubscribeAction {
  if (!existing) return 'create'
  if (existing.unsubscribedAt) return 'resubscribe'
  if (existing.confirmedAt) return 'already_subscribed'
  return 'resend_confirmation'
}

/** Whether a subscription asked for at `requestedAt` and never confirmed is deleted at `now`. */
export function isExpiredUnconfirmed(
  subscription: { confirmedAt: Date | null; requestedAt: Date },
  now: Date,
): boolean {
  return subscription.confirmedAt === null && now.getTime() - subscription.requestedAt.getTime() >= UNCONFIRMED_LIFETIME_MS
}

/** The cut-off the cleanup job deletes before: subscriptions asked for earlier and never confirmed. */
export function unconfirmedCutoff(now: Date): Date {
  return new Date(now.getTime() - UNCONFIRMED_LIFETIME_MS)
}
