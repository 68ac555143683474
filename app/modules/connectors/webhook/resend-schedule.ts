// When Candor sends a task again to a webhook endpoint that did not answer (timed out, could not
// be reached, 408, 429, 5xx): after 15 minutes, then 1, 4, 12 and 24 hours, six sends in all over
// about 41 hours. After the last the task keeps waiting: the endpoint may still answer on its
// callback, and staff are reminded each day (waiting-reminders.server.ts).

const MINUTE = 60

export const RESEND_DELAYS_SECONDS = [15 * MINUTE, 60 * MINUTE, 4 * 60 * MINUTE, 12 * 60 * MINUTE, 24 * 60 * MINUTE] as const

export const MAX_SENDS = RESEND_DELAYS_SECONDS.length + 1

/** Seconds until the next send after the `sends`-th one, or null when that was the last. */
export const delayAfterSend = (sends: number): number | null => RESEND_DELAYS_SECONDS[sends - 1] ?? null
