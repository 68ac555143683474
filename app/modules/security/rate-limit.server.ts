// Fixed-window rate limits kept in PostgreSQL, so a limit holds across every instance.
// Keys are hashed: the table never stores the e-mail or IP address a limit is about.
import { createHash } from 'node:crypto'
import { db } from '~/modules/db/client.server'
import type { Tx } from '~/modules/db/tenant.server'
import { type LimitedBy, tryAgainIn } from '~/modules/http/try-again'

export type RateLimit = { name: string; limit: number; windowSeconds: number }
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number }

/**
 * Count one attempt against `rule` for `subject` (an IP address, an e-mail, …). Given a
 * transaction, the count commits (or rolls back) with it, and holds the counter's row until then.
 */
export async function consumeRateLimit(rule: RateLimit, subject: string, client: Pick<Tx, '$queryRaw'> = db()): Promise<RateLimitResult> {
  const key = `${rule.name}:${createHash('sha256').update(subject).digest('base64url')}`
  const rows = await client.$queryRaw<{ count: number; retry_after: number }[]>`
    WITH win AS (
      SELECT to_timestamp(floor(extract(epoch FROM now()) / ${rule.windowSeconds}) * ${rule.windowSeconds}) AS start
    )
    INSERT INTO rate_limit_bucket AS b (key, window_start, count, expires_at)
    SELECT ${key}, win.start, 1, win.start + make_interval(secs => ${rule.windowSeconds}) FROM win
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN b.window_start = EXCLUDED.window_start THEN b.count + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start,
      expires_at = EXCLUDED.expires_at
    RETURNING count, ceil(extract(epoch FROM expires_at - now()))::int AS retry_after`
  const row = rows[0]
  if (!row) throw new Error('rate limit counter returned no row')
  return {
    allowed: row.count <= rule.limit,
    remaining: Math.max(rule.limit - row.count, 0),
    retryAfterSeconds: Math.max(row.retry_after, 1),
  }
}

/** A public form's refusal: when to try again, and whom the limit counted. */
export type Refusal = { outcome: 'rate_limited'; retryAfterSeconds: number; by: LimitedBy }

/** Count one attempt against each limit in turn; the refusal of the first one over, if any. */
export async function firstRefusal(limits: readonly (readonly [RateLimit, string, LimitedBy])[]): Promise<Refusal | null> {
  for (const [rule, subject, by] of limits) {
    const limit = await consumeRateLimit(rule, subject)
    if (!limit.allowed) return { outcome: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds, by }
  }
  return null
}

/** A refusal for being over a limit: its message says what and when to try again. */
export class RateLimitedError extends Error {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${what} ${tryAgainIn(retryAfterSeconds)}`)
  }
}

/**
 * Count one attempt against each rule in turn (inside `tx`, so a refused or failed change does
 * not count); throws RateLimitedError, saying `what`, at the first rule that is over its limit.
 */
export async function requireUnderLimits(
  tx: Pick<Tx, '$queryRaw'>,
  limits: readonly (readonly [RateLimit, string])[],
  what: string,
): Promise<void> {
  for (const [rule, subject] of limits) {
    const limit = await consumeRateLimit(rule, subject, tx)
    if (!limit.allowed) throw new RateLimitedError(what, limit.retryAfterSeconds)
  }
}

/** Delete counters whose window has ended (maintenance job). */
export async function deleteExpiredRateLimits(): Promise<number> {
  return db().rateLimitBucket.deleteMany({ where: { expiresAt: { lt: new Date() } } }).then((r) => r.count)
}
