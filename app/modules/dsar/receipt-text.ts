// An erasure receipt, for a member to read on the request page: what was erased, what was kept
// and why, and, when the system checked afterwards, what that check covered and found. The
// check is worded as what it is: a search of the places the dataset map names, at one moment.
import type { ErasureReceipt } from './connectors/connector'

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

function verificationText(verification: NonNullable<ErasureReceipt['verification']>): string {
  const places = `${verification.places} mapped place${verification.places === 1 ? '' : 's'}`
  return verification.passed && verification.remaining === 0
    ? `Verified ${utc(verification.checkedAt)}: none of the subject’s identifying values left in the ${places} checked.`
    : `Verification ${utc(verification.checkedAt)} found ${verification.remaining} of the subject’s identifying values left in the ${places} checked.`
}

export function receiptText(receipt: unknown): string | null {
  if (!receipt || typeof receipt !== 'object') return null
  const { items, kept, verification } = receipt as Partial<ErasureReceipt>
  if (!Array.isArray(items)) return JSON.stringify(receipt)
  const erased = items.map((item) => `${String(item.what)}: ${String(item.count)}`).join('; ')
  const keptText = Array.isArray(kept)
    ? kept
        .filter((item) => Number(item.count) > 0)
        .map((item) => `${String(item.what)}: ${String(item.count)} (${String(item.why)})`)
        .join('; ')
    : ''
  const parts = [keptText ? `${erased}. Kept: ${keptText}` : erased]
  if (verification && typeof verification === 'object') parts.push(verificationText(verification))
  return parts.join('. ')
}
