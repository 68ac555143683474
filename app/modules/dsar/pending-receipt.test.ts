import { describe, expect, it } from 'vitest'
import type { ErasureReceipt } from './connectors/connector'
import { receiptToRecord } from './pending-receipt'

const receipt = (counts: number[], checkedAt = '2026-12-05T10:00:00.000Z'): ErasureReceipt => ({
  system: 'Product database',
  erasedAt: checkedAt,
  items: counts.map((count, i) => ({ what: `table ${i}`, count })),
  verification: { checkedAt, places: 4, remaining: 0, passed: true },
})

describe('the receipt an erasure records', () => {
  it('is this run’s when nothing was saved before', () => {
    const fresh = receipt([2, 0])
    expect(receiptToRecord(null, fresh)).toBe(fresh)
  })

  it('is the saved one when this run found nothing left (the earlier run committed, then died)', () => {
    const pending = receipt([3, 1], '2026-12-05T09:00:00.000Z')
    const fresh = receipt([0, 0], '2026-12-05T10:00:00.000Z')
    const recorded = receiptToRecord(pending, fresh)
    expect(recorded.items).toEqual(pending.items)
    expect(recorded.erasedAt).toBe('2026-12-05T09:00:00.000Z')
    // The check that counts is the one made now.
    expect(recorded.verification?.checkedAt).toBe('2026-12-05T10:00:00.000Z')
  })

  it('is this run’s when it erased as much or more (the earlier run died before its commit)', () => {
    const pending = receipt([3, 1], '2026-12-05T09:00:00.000Z')
    const fresh = receipt([3, 2])
    expect(receiptToRecord(pending, fresh)).toEqual(fresh)
  })

  it('keeps the earlier run’s deletions when this run only changed again the rows it still found', () => {
    // The earlier run deleted 3 rows and de-identified 2 (found again by a kept e-mail), committed, and died.
    const pending = receipt([3, 2], '2026-12-05T09:00:00.000Z')
    const fresh = receipt([0, 2], '2026-12-05T10:00:00.000Z')
    const recorded = receiptToRecord(pending, fresh)
    expect(recorded.items.map((item) => item.count)).toEqual([3, 2])
    expect(recorded.erasedAt).toBe('2026-12-05T10:00:00.000Z')
  })
})
