// What the audit page says about its chain, and no more than was verified (decision 020): how
// far the chain is verified and how (from the last checkpoint now, the rest when), when the
// whole chain was last walked, and whether a full walk is waiting.
import { utcInstant } from '~/modules/formats/utc-instant'
import type { ChainStatus } from './chain-status.server'

export type ChainBadge = {
  tone: 'intact' | 'partly' | 'broken'
  headline: string
  /** How far the headline goes, in plain words. */
  coverage: string[]
  fullVerification: string
  /** A full verification waiting or failed, if the newest one is. */
  pending: string | null
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`
const entryNo = (seq: string | number | bigint) => `#${BigInt(seq).toLocaleString('en')}`

export function chainBadge(status: ChainStatus): ChainBadge {
  const { walk, checkpoint, lastFull, latestFull } = status
  const fullVerification = !lastFull?.finishedAt
    ? 'Last full verification: never.'
    : lastFull.state === 'intact'
      ? `Last full verification: ${utcInstant(lastFull.finishedAt)}, entries ${entryNo(1)}–${entryNo(lastFull.throughSeq ?? 0)} intact.`
      : `Last full verification: ${utcInstant(lastFull.finishedAt)}, broken at entry ${entryNo(lastFull.brokenSeq ?? 0)}.`
  const pending =
    latestFull?.state === 'requested'
      ? `A full verification was asked for at ${utcInstant(latestFull.requestedAt)}; it runs in the background (reload to see its result).`
      : latestFull?.state === 'failed'
        ? `The full verification asked for at ${utcInstant(latestFull.requestedAt)} could not finish; ask again.`
        : null
  const base = { fullVerification, pending }

  if (!walk.ok) {
    return { ...base, tone: 'broken', headline: `Broken at entry ${entryNo(walk.firstBroken?.seq ?? 0)}: ${walk.firstBroken?.reason}`, coverage: [] }
  }
  if (lastFull?.state === 'broken' && lastFull.finishedAt) {
    return {
      ...base,
      tone: 'broken',
      headline: `Broken at entry ${entryNo(lastFull.brokenSeq ?? 0)}: ${lastFull.brokenReason} (found by the full verification of ${utcInstant(lastFull.finishedAt)})`,
      coverage: [],
    }
  }
  const through = walk.head?.seq ?? checkpoint?.seq
  if (!through) return { ...base, tone: 'intact', headline: 'The audit log has no entries yet.', coverage: [] }

  const coverage = checkpoint
    ? [
        `Entries ${entryNo(1)}–${entryNo(checkpoint.seq)} were verified by ${utcInstant(checkpoint.verifiedAt)} (the last checkpoint); ` +
          (walk.entries === 0
            ? 'none was added since'
            : `the ${count(walk.entries, 'entry', 'entries')} after it ${walk.entries === 1 ? 'was' : 'were'} verified just now`) +
          `, and entry ${entryNo(checkpoint.seq)} still has the hash recorded then. A change to an older entry since then shows only in a full verification.`,
      ]
    : [`${count(walk.entries, 'entry', 'entries')} verified just now, from the first.`]
  if (walk.unverified) {
    const next = BigInt(through) + 1n
    const last = BigInt(through) + BigInt(walk.unverified)
    coverage.push(`Entries ${entryNo(next)}–${entryNo(last)} are not verified yet: the hourly check or a full verification covers them.`)
    return { ...base, tone: 'partly', headline: `Verified through entry ${entryNo(through)}; the ${count(walk.unverified, 'newest entry', 'newest entries')} not yet`, coverage }
  }
  return { ...base, tone: 'intact', headline: `Tamper-evident: chain verified through entry ${entryNo(through)}`, coverage }
}
