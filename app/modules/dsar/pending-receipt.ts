// Which receipt an erasure in a customer's system records (decision 031).
import type { ErasureReceipt } from './connectors/connector'

/**
 * This run's receipt, unless this run found nothing to erase and an earlier run saved what it
 * was about to commit (it committed, then died before Candor recorded it): then that one, with
 * this run's verification, which is the check that counts now.
 */
export function receiptToRecord(pending: ErasureReceipt | null, fresh: ErasureReceipt): ErasureReceipt {
  const erasedNothing = fresh.items.every((item) => item.count === 0)
  if (!pending || !erasedNothing) return fresh
  return { ...pending, ...(fresh.verification ? { verification: fresh.verification } : {}) }
}
