import { describe, expect, it } from 'vitest'
import { receiptText } from './receipt-text'

describe('an erasure receipt in words', () => {
  it('lists what was erased and what was kept with its ground', () => {
    expect(
      receiptText({
        system: 'Candor',
        erasedAt: '2026-12-05T10:00:00.000Z',
        items: [{ what: 'requests', count: 2 }, { what: 'e-mails', count: 5 }],
        kept: [{ what: 'DPA signatures', count: 1, why: 'proof of the contract' }, { what: 'reports', count: 0, why: 'n/a' }],
      }),
    ).toBe('requests: 2; e-mails: 5. Kept: DPA signatures: 1 (proof of the contract)')
  })

  it('says what the verification covered and found', () => {
    const receipt = { system: 'Product database', erasedAt: '2026-12-05T10:00:00.000Z', items: [{ what: 'public.users: rows deleted', count: 1 }] }
    expect(receiptText({ ...receipt, verification: { checkedAt: '2026-12-05T10:00:02.000Z', places: 7, remaining: 0, passed: true } })).toBe(
      'public.users: rows deleted: 1. Verified 2026-12-05 10:00 UTC: none of the subject’s identifying values left in the 7 mapped places checked.',
    )
    expect(receiptText({ ...receipt, verification: { checkedAt: '2026-12-05T10:00:02.000Z', places: 1, remaining: 2, passed: false } })).toContain(
      'found 2 of the subject’s identifying values left in the 1 mapped place checked',
    )
  })

  it('shows nothing for no receipt', () => {
    expect(receiptText(null)).toBeNull()
  })
})
