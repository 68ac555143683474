import { describe, expect, it } from 'vitest'
import { chainBadge } from './chain-badge'
import type { ChainStatus } from './chain-status.server'
import type { FullVerification } from './full-verification.server'

const workspaceId = '2b1f3c1e-8f0a-4a51-9d7e-1f1b2c3d4e5f'
const at = (iso: string) => new Date(iso)
const checkpoint = { seq: '2000001', id: '9', hash: 'a'.repeat(64), full: true, verifiedAt: at('2026-12-03T08:00:00Z') }
const intactFull: FullVerification = {
  id: 'f',
  state: 'intact',
  requestedAt: at('2026-12-03T07:58:00Z'),
  finishedAt: at('2026-12-03T08:00:00Z'),
  entries: '2000001',
  throughSeq: '2000001',
  brokenSeq: null,
  brokenReason: null,
}

function status(overrides: Partial<ChainStatus> = {}): ChainStatus {
  return {
    ok: true,
    walk: { workspaceId, entries: 200, ok: true, from: checkpoint, head: { seq: '2000201', id: '10', hash: 'b'.repeat(64) } },
    checkpoint,
    lastFull: intactFull,
    latestFull: intactFull,
    ...overrides,
  }
}

describe('chainBadge', () => {
  it('says how far the chain is verified, from which checkpoint, and when it was last walked whole', () => {
    expect(chainBadge(status())).toEqual({
      tone: 'intact',
      headline: 'Tamper-evident: chain verified through entry #2,000,201',
      coverage: [
        'Entries #1–#2,000,001 were verified by 2026-12-03 08:00 UTC (the last checkpoint); the 200 entries after it were verified just now, and entry #2,000,001 still has the hash recorded then. A change to an older entry since then shows only in a full verification.',
      ],
      fullVerification: 'Last full verification: 2026-12-03 08:00 UTC, entries #1–#2,000,001 intact.',
      pending: null,
    })
  })

  it('names the newest entries a page load left unverified', () => {
    const badge = chainBadge(status({ walk: { ...status().walk, entries: 20_000, head: { seq: '2020001', id: '11', hash: 'c' }, unverified: 5 } }))
    expect(badge.tone).toBe('partly')
    expect(badge.headline).toBe('Verified through entry #2,020,001; the 5 newest entries not yet')
    expect(badge.coverage[1]).toBe('Entries #2,020,002–#2,020,006 are not verified yet: the hourly check or a full verification covers them.')
  })

  it('says "never" before any full verification, and that a walk from the first entry covered everything', () => {
    const badge = chainBadge(
      status({ checkpoint: null, lastFull: null, latestFull: null, walk: { workspaceId, entries: 3, ok: true, head: { seq: '3', id: '3', hash: 'd' } } }),
    )
    expect(badge.headline).toBe('Tamper-evident: chain verified through entry #3')
    expect(badge.coverage).toEqual(['3 entries verified just now, from the first.'])
    expect(badge.fullVerification).toBe('Last full verification: never.')
  })

  it('turns red on a break found now, or by the last full verification even when the newer entries are intact', () => {
    const walkBroken = chainBadge(
      status({ ok: false, walk: { workspaceId, entries: 4, ok: false, firstBroken: { seq: '2000005', id: '5', reason: 'its content was changed after it was written (hash differs)' } } }),
    )
    expect(walkBroken).toMatchObject({ tone: 'broken', headline: 'Broken at entry #2,000,005: its content was changed after it was written (hash differs)', coverage: [] })

    const brokenFull: FullVerification = { ...intactFull, state: 'broken', throughSeq: null, brokenSeq: '1000', brokenReason: 'its content was changed after it was written (hash differs)' }
    const fullBroken = chainBadge(status({ ok: false, lastFull: brokenFull, latestFull: brokenFull }))
    expect(fullBroken).toMatchObject({
      tone: 'broken',
      headline: 'Broken at entry #1,000: its content was changed after it was written (hash differs) (found by the full verification of 2026-12-03 08:00 UTC)',
      fullVerification: 'Last full verification: 2026-12-03 08:00 UTC, broken at entry #1,000.',
    })
  })

  it('says when a full verification is waiting, or could not finish', () => {
    const requested: FullVerification = { ...intactFull, id: 'r', state: 'requested', requestedAt: at('2026-12-03T09:15:00Z'), finishedAt: null }
    expect(chainBadge(status({ latestFull: requested })).pending).toBe(
      'A full verification was asked for at 2026-12-03 09:15 UTC; it runs in the background (reload to see its result).',
    )
    expect(chainBadge(status({ latestFull: { ...requested, state: 'failed' } })).pending).toBe(
      'The full verification asked for at 2026-12-03 09:15 UTC could not finish; ask again.',
    )
  })
})
