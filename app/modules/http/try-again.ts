/**
 * "Please try again in 3 minutes.": the wait a rate limit asks for (its Retry-After), in words,
 * rounded up: minutes up to two hours, then hours (a day-long limit is not "1,380 minutes").
 */
export function tryAgainIn(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  if (minutes <= 120) return `Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
  return `Please try again in ${Math.ceil(minutes / 60)} hours.`
}

/** Whom a public form's limit counts: the sender's address, or the e-mail address they typed. */
export type LimitedBy = 'address' | 'email'

/**
 * A public form's refusal over a limit, true to which limit it was: "from here" only when the
 * sender's address is what was counted.
 */
export function tooManySent(what: string, by: LimitedBy, retryAfterSeconds: number): string {
  const whose = by === 'address' ? 'from here in a short time' : 'for this e-mail address recently'
  return `Too many ${what} were sent ${whose}. ${tryAgainIn(retryAfterSeconds)}`
}
