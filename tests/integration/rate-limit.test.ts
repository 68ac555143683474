import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { consumeRateLimit, deleteExpiredRateLimits } from '~/modules/security/rate-limit.server'

// Hour-long windows: a window boundary falling inside a test is then vanishingly unlikely.
const rule = (name: string, limit = 3, windowSeconds = 3600) => ({ name, limit, windowSeconds })

describe('consumeRateLimit', () => {
  it('allows the limit, then refuses with the time left in the window', async () => {
    const results = []
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(rule('sign-in'), '198.51.100.1'))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0])
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0)
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(3600)
  })

  it('counts each subject and each rule separately', async () => {
    await consumeRateLimit(rule('a', 1), 'x@example.com')
    expect((await consumeRateLimit(rule('a', 1), 'y@example.com')).allowed).toBe(true)
    expect((await consumeRateLimit(rule('b', 1), 'x@example.com')).allowed).toBe(true)
    expect((await consumeRateLimit(rule('a', 1), 'x@example.com')).allowed).toBe(false)
  })

  it('holds exactly under concurrent attempts (one counter in the database)', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(rule('burst', 10), '203.0.113.9')),
    )
    expect(results.filter((r) => r.allowed)).toHaveLength(10)
  })

  it('starts a new window when the old one ends', async () => {
    const short = rule('short', 1, 1)
    expect((await consumeRateLimit(short, 'z')).allowed).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await consumeRateLimit(short, 'z')).allowed).toBe(true)
  })

  it('never stores the subject itself, and sweeps ended windows', async () => {
    await consumeRateLimit(rule('privacy', 5, 1), 'private.person@example.com')
    const { rows } = await ownerPool().query("SELECT key FROM rate_limit_bucket WHERE key LIKE 'privacy:%'")
    expect(rows).toHaveLength(1)
    expect(rows[0].key).not.toContain('private.person')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(await deleteExpiredRateLimits()).toBeGreaterThanOrEqual(1)
    const after = await ownerPool().query("SELECT key FROM rate_limit_bucket WHERE key LIKE 'privacy:%'")
    expect(after.rows).toEqual([])
  })
})
