// The 72-hour clock of GDPR Art. 33(1): it starts when the company becomes aware of a breach
// and stops when the supervisory authority is notified, or when "not reportable" is recorded
// with its reason. Pure: the same facts and the same `now` always give the same state, so the
// list, the incident page, the reminders and the live check say the same thing.

export const CLOCK_HOURS = 72
const HOUR_MS = 60 * 60 * 1000
const MINUTE_MS = 60 * 1000

export type ClockFacts = {
  awareAt: Date
  authorityNotifiedAt: Date | null
  delayReason: string
  notReportableAt: Date | null
}

export type ClockState =
  | { state: 'running'; dueAt: Date; msLeft: number }
  | { state: 'overdue'; dueAt: Date; msOver: number }
  | { state: 'notified_in_time'; dueAt: Date; notifiedAt: Date }
  | { state: 'notified_late'; dueAt: Date; notifiedAt: Date; delayReason: string }
  | { state: 'not_reportable'; dueAt: Date; decidedAt: Date }

export const dueAtOf = (awareAt: Date): Date => new Date(awareAt.getTime() + CLOCK_HOURS * HOUR_MS)

export function incidentClock(facts: ClockFacts, now: Date): ClockState {
  const dueAt = dueAtOf(facts.awareAt)
  if (facts.authorityNotifiedAt) {
    return facts.authorityNotifiedAt <= dueAt
      ? { state: 'notified_in_time', dueAt, notifiedAt: facts.authorityNotifiedAt }
      : { state: 'notified_late', dueAt, notifiedAt: facts.authorityNotifiedAt, delayReason: facts.delayReason }
  }
  if (facts.notReportableAt) return { state: 'not_reportable', dueAt, decidedAt: facts.notReportableAt }
  const left = dueAt.getTime() - now.getTime()
  return left > 0 ? { state: 'running', dueAt, msLeft: left } : { state: 'overdue', dueAt, msOver: -left }
}


/** "2 h 05 min", "3 days 4 h": whole minutes, rounded down, so it never promises more time than there is. */
export function durationLabel(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS)
  const days = Math.floor(minutes / (24 * 60))
  const hours = Math.floor((minutes % (24 * 60)) / 60)
  const mins = minutes % 60
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} ${hours} h`
  if (hours > 0) return `${hours} h ${String(mins).padStart(2, '0')} min`
  return `${mins} min`
}

export type ClockBadge = { kind: 'overdue' | 'due_soon' | 'on_track'; label: string }

/** Under this much time left, a running clock shows as due soon. */
export const DUE_SOON_MS = 12 * HOUR_MS

/** The clock as the list and the incident page show it (TimerLabel). */
export function clockBadge(clock: ClockState): ClockBadge {
  switch (clock.state) {
    case 'running':
      return { kind: clock.msLeft <= DUE_SOON_MS ? 'due_soon' : 'on_track', label: `${durationLabel(clock.msLeft)} left to notify` }
    case 'overdue':
      return { kind: 'overdue', label: `Overdue by ${durationLabel(clock.msOver)}: authority not notified` }
    case 'notified_in_time':
      return { kind: 'on_track', label: 'Authority notified within 72 h' }
    case 'notified_late':
      return { kind: 'overdue', label: 'Authority notified late (reason recorded)' }
    case 'not_reportable':
      return { kind: 'on_track', label: 'Not reportable (reason recorded)' }
  }
}

/** The reminder steps, in hours after awareness (incident.remind). */
export const REMINDER_STEPS = [
  { step: '24h', hours: 24 },
  { step: '48h', hours: 48 },
  { step: '60h', hours: 60 },
] as const
export type ReminderStep = (typeof REMINDER_STEPS)[number]['step']

/**
 * The one reminder due at `now`: the latest step whose moment has come, while the clock runs.
 * A job that was down through several steps sends only the latest of them, once.
 */
export function dueReminderStep(clock: ClockState, awareAt: Date, now: Date): ReminderStep | null {
  if (clock.state !== 'running') return null
  let due: ReminderStep | null = null
  for (const { step, hours } of REMINDER_STEPS) if (now.getTime() >= awareAt.getTime() + hours * HOUR_MS) due = step
  return due
}
