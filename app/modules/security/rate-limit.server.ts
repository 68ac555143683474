// Fixed-window rate limits kept in PostgreSQL, so a limit holds across every instance.
// Keys are hashed: the table never stores the e-mail or IP address a limit is about.
import { createHash } from 'node:crypto'
import { db } from '~/modules/db/client.server'
import type { Tx } from '~/modules/db/tenant.server'
import { type LimitedBy, tryAgainIn } from '~/modules/http/try-again'

export type RateLimit = { name: string; limit: number; windowSeconds: number }
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number }

/**
 * Count one attempt against each `[rule, subject]` in turn, in one round trip (the database
 * function rate_limit_attempt); the verdicts in the same order, up to and including the first
 * refusal. A rule is counted only while every rule before it allows the attempt, so a flood
 * refused by its address never uses up the e-mail's allowance. A rule already at its limit is
 * only read, never written: refusing a flood costs one read, no row lock and no commit to wait
 * for. Given a transaction, the counts commit (or roll back) with it, and hold the counters'
 * rows until then.
 */
async function countAttempts(
  limits: readonly (readonly [RateLimit, string])[],
  client: Pick<Tx, '$queryRaw'>,
): Promise<RateLimitResult[]> {
  const keys = limits.map(([rule, subject]) => `${rule.name}:${createHash('sha256').update(subject).digest('base64url')}`)
  const rows = await client.$queryRaw<{ count: number; retry_after: number }[]>`
    SELECT count, retry_after FROM rate_limit_attempt(
      ${keys}::text[], ${limits.map(([rule]) => rule.limit)}::int[], ${limits.map(([rule]) => rule.windowSeconds)}::int[])`
  if (rows.length === 0 && limits.length > 0) throw new Error('rate limit counter returned no row')
  return rows.map((row, i) => {
    const { limit } = limits[i]![0]
    return {
      allowed: row.count <= limit,
      remaining: Math.max(limit - row.count, 0),
      retryAfterSeconds: Math.max(row.retry_after, 1),
    }
  })
}

/**
 * Count one attempt against `rule` for `subject` (an IP address, an e-mail, …). Given a
 * transaction, the count commits (or rolls back) with it, and holds the counter's row until then.
 */
export async function consumeRateLimit(rule: RateLimit, subject: string, client: Pick<Tx, '$queryRaw'> = db()): Promise<RateLimitResult> {
  const [verdict] = await countAttempts([[rule, subject]], client)
  if (!verdict) throw new Error('rate limit counter returned no row')
  return verdict
}

/** A public form's refusal: when to try again, and whom the limit counted. */
export type Refusal = { outcome: 'rate_limited'; retryAfterSeconds: number; by: LimitedBy }

/** Count one attempt against each limit in turn (one round trip); the refusal of the first one over, if any. */
export async function firstRefusal(limits: readonly (readonly [RateLimit, string, LimitedBy])[]): Promise<Refusal | null> {
  const verdicts = await countAttempts(limits.map(([rule, subject]) => [rule, subject] as const), db())
  const refused = verdicts.findIndex((verdict) => !verdict.allowed)
  return refused < 0 ? null : { outcome: 'rate_limited', retryAfterSeconds: verdicts[refused]!.retryAfterSeconds, by: limits[refused]![2] }
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
  const refused = (await countAttempts(limits, tx)).find((verdict) => !verdict.allowed)
  if (refused) throw new RateLimitedError(what, refused.retryAfterSeconds)
}

/** Delete counters whose window has ended (maintenance job). */
export async function deleteExpiredRateLimits(): Promise<number> {
  return db().rateLimitBucket.deleteMany({ where: { expiresAt: { lt: new Date() } } }).then((r) => r.count)
}
