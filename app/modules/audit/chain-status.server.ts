// What can truthfully be said about an audit chain now (decision 020): the walk from the
// newest verified checkpoint to the head (only what is new, and the checkpointed entry
// itself), together with the newest full verification, which alone covers the entries before
// the checkpoint. A chain a full verification found broken stays broken until one finds it
// intact again. Jobs also move the checkpoint forward and start a full walk when one is due.
import { type Checkpoint, latestCheckpoint, recordCheckpoint } from './checkpoints.server'
import { type FullVerification, fullVerifications, verifyChainFully } from './full-verification.server'
import { type ChainReport, type Queryable, verifyChain } from './verify.server'
import { ownerPool } from '~/modules/db/owner.server'

export type ChainStatus = {
  ok: boolean
  /** The walk just made, from `checkpoint` (or the first entry when there is none). */
  walk: ChainReport
  checkpoint: Checkpoint | null
  /** The newest full verification that finished (intact or broken). */
  lastFull: FullVerification | null
  /** The newest full verification asked for, whatever its state (one may be waiting or have failed). */
  latestFull: FullVerification | null
}

/** A chain's whole length is walked again when its last full walk is older than this. */
export const FULL_VERIFICATION_EVERY_MS = 7 * 24 * 60 * 60 * 1000

/** Read-only: verify what is new since the checkpoint (at most `limit` entries) and gather the rest. */
export async function chainStatus(db: Queryable, workspaceId: string | null, options: { limit?: number } = {}): Promise<ChainStatus> {
  const checkpoint = await latestCheckpoint(db, workspaceId)
  const from = checkpoint ? { seq: checkpoint.seq, id: checkpoint.id, hash: checkpoint.hash } : undefined
  const walk = await verifyChain(db, workspaceId, { ...(from ? { from } : {}), ...options })
  const { lastFinished, latest } = await fullVerifications(db, workspaceId)
  return { ok: walk.ok && lastFinished?.state !== 'broken', walk, checkpoint, lastFull: lastFinished, latestFull: latest }
}

/**
 * For jobs, as the owner: walk the whole chain when a full verification is due, then verify
 * what is new since the checkpoint and record a checkpoint at the head when the chain is intact.
 */
export async function advanceCheckpoint(workspaceId: string | null, now = new Date()): Promise<ChainStatus> {
  const owner = ownerPool()
  const { lastFinished } = await fullVerifications(owner, workspaceId)
  if (!lastFinished?.finishedAt || now.getTime() - lastFinished.finishedAt.getTime() > FULL_VERIFICATION_EVERY_MS) {
    await verifyChainFully(workspaceId)
  }
  const status = await chainStatus(owner, workspaceId)
  const head = status.walk.head
  if (status.ok && head && head.seq !== status.checkpoint?.seq) await recordCheckpoint(owner, workspaceId, head, false)
  return status
}
