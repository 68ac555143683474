// Days left until a request's deadline, counted in calendar days of the workspace's time zone
// from the same stored due instant the request page shows: "3 days left", "due today",
// "5 days overdue". The colour follows the same urgency as the deadline badge.
const DAY_MS = 86_400_000
const DUE_SOON_DAYS = 7

export type DaysLeft = { days: number; label: string; urgency: 'overdue' | 'due_soon' | 'on_track' }

const dayNumber = (instant: Date, timeZone: string) => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS
}

/** `dueAt` is the exclusive end of the last day (late from that instant on). */
export function daysLeft(dueAt: Date, timeZone: string, now: Date): DaysLeft {
  const days = dayNumber(new Date(dueAt.getTime() - 1), timeZone) - dayNumber(now, timeZone)
  if (days < 0) return { days, label: `${-days} day${days === -1 ? '' : 's'} overdue`, urgency: 'overdue' }
  if (days === 0) return { days, label: 'due today', urgency: 'due_soon' }
  return { days, label: `${days} day${days === 1 ? '' : 's'} left`, urgency: days <= DUE_SOON_DAYS ? 'due_soon' : 'on_track' }
}
