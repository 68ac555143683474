// The requester's time zone: their browser names it in a hidden field (filled by a tiny script);
// the status page shows dates in it and names it. Without it (no JavaScript, or a name Intl does
// not know) dates are shown in UTC and say so.

const KNOWN_ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])

/** The IANA zone named by a form field, if Intl knows it; anything else is no zone at all. */
export function subjectTimeZone(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 64 && KNOWN_ZONES.has(value) ? value : null
}

/** A day and time as the requester reads it, with the zone named: "3 Dec 2026, 14:05 (Europe/Berlin)". */
export function formatForSubject(date: Date, zone: string | null): string {
  const timeZone = zone ?? 'UTC'
  const text = date.toLocaleString('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
  return `${text} (${timeZone})`
}

/** A day alone, as the requester reads it, with the zone named: "3 Dec 2026 (UTC)". */
export function formatDayForSubject(date: Date, zone: string | null): string {
  const timeZone = zone ?? 'UTC'
  return `${date.toLocaleDateString('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' })} (${timeZone})`
}
