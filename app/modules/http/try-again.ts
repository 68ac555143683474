/** "Please try again in 3 minutes.": the wait a rate limit asks for (its Retry-After), in words. */
export function tryAgainIn(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return `Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}
