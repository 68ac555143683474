// Which receipt an erasure in a customer's system records (decision 031).
import type { ErasureReceipt } from './connectors/connector'

/**
 * This run's receipt, with each count at least what an earlier run saved it was about to commit.
 * That run may have committed, then died before Candor recorded it: its deleted rows are gone
 * (this run counts 0 of them) while rows it only changed are found and changed again (this run
 * counts them too), so the larger count of the two is what the erasure did. When this run found
 * nothing at all, the earlier run's time is the erasure's. The verification is always this
 * run's: it is the check that counts now.
 */
export function receiptToRecord(pending: ErasureReceipt | null, fresh: ErasureReceipt): ErasureReceipt {
  if (!pending) return fresh
  const counts = new Map(fresh.items.map((item) => [item.what, item.count]))
  for (const item of pending.items) counts.set(item.what, Math.max(counts.get(item.what) ?? 0, item.count))
  const erasedNothing = fresh.items.every((item) => item.count === 0)
  return {
    ...fresh,
    erasedAt: erasedNothing ? pending.erasedAt : fresh.erasedAt,
    items: [...counts].map(([what, count]) => ({ what, count })),
  }
}
