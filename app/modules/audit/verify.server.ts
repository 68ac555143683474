// Verifying the audit log: walk each chain in order, recompute every hash, and name the first
// entry where the chain breaks (an edited, removed or inserted entry); compare the chain's end
// with its head (kept by a trigger), which reveals entries cut off the end; and name every
// chain that is gone altogether. See docs/decisions/007-audit-chain-heads.md. A walk may start
// at a verified checkpoint instead of the first entry, and may stop after a number of entries
// (decision 020).
import type pg from 'pg'
import { checkpointsOf } from './checkpoints.server'
import { type ChainedFields, entryHash } from './hash-chain'

/** One entry of a chain, as a checkpoint records it. */
export type ChainPoint = { seq: string; id: string; hash: string }

export type ChainReport = {
  workspaceId: string | null
  /** Entries this walk verified (after `from`, when it started at a checkpoint). */
  entries: number
  ok: boolean
  /** The checkpoint this walk started after; absent when it started at the first entry. */
  from?: ChainPoint
  /** The newest entry verified: kept outside the database, it reveals a cut-off end. */
  head?: ChainPoint
  /** Entries newer than `head` left for a later walk, when the walk stopped at its limit. */
  unverified?: number
  firstBroken?: { seq: string; id: string | null; reason: string }
}

export type WalkOptions = {
  /** Start after this entry (a checkpoint): it must still be there with the same id and hash. */
  from?: ChainPoint
  /** Stop after this many entries; the rest are counted in `unverified`. */
  limit?: number
  /** Checkpoints to hold against the chain: each must match the entry at its seq. */
  checkpoints?: ChainPoint[]
}

type Row = {
  id: string
  workspace_id: string | null
  seq: string
  actor_type: string
  actor_id: string | null
  action: string
  target_type: string | null
  target_id: string | null
  before: unknown
  after: unknown
  ip: string | null
  user_agent: string | null
  created_at: Date
  prev_hash: string | null
  hash: string
}

const BATCH = 5_000

/** What the verifier reads through: a node-postgres pool or client, or a transaction adapted to
 * look like one (verify-in-transaction.server.ts). Bigint columns arrive as text, as pg gives them. */
export type Queryable = {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

export async function verifyChain(
  db: Queryable,
  workspaceId: string | null,
  options: WalkOptions = {},
): Promise<ChainReport> {
  // The head is read first: an entry appended while the walk runs is newer than it, never missing.
  const head = await chainHead(db, workspaceId)
  const from = options.from
  const report = (fields: Omit<ChainReport, 'workspaceId' | 'from'>): ChainReport => ({
    workspaceId,
    ...(from ? { from } : {}),
    ...fields,
  })
  if (from) {
    const changed = await checkpointedEntryChange(db, workspaceId, from)
    if (changed) return report({ entries: 0, ok: false, firstBroken: { seq: from.seq, id: from.id, reason: changed } })
  }
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => compareSeq(a.seq, b.seq))
  const pastBreak = (seq: bigint) => {
    const count = checkpoints.filter((checkpoint) => BigInt(checkpoint.seq) >= seq).length
    return count === 0 ? '' : `; ${count === 1 ? 'a checkpoint vouches' : `${count} checkpoints vouch`} for the chain at or after this entry (forged, or made before the change)`
  }
  let nextCheckpoint = 0
  let previous: ChainPoint | null = from ?? null
  let entries = 0
  for (;;) {
    const rows = await nextBatch(db, workspaceId, previous ? BigInt(previous.seq) : 0n)
    for (const row of rows) {
      const seq = BigInt(row.seq)
      const broken = (reason: string, vouchedFor = pastBreak(seq)): ChainReport =>
        report({ entries, ok: false, firstBroken: { seq: row.seq, id: row.id, reason: reason + vouchedFor } })
      const expectedSeq: bigint = (previous ? BigInt(previous.seq) : 0n) + 1n
      if (seq !== expectedSeq) {
        return broken(`entries ${expectedSeq}–${seq - 1n} are missing before this one`)
      }
      if (row.prev_hash !== (previous?.hash ?? null)) {
        return broken('it does not point to the previous entry (prev_hash differs)')
      }
      if (entryHash(row.prev_hash, chainedFields(row)) !== row.hash) {
        return broken('its content was changed after it was written (hash differs)')
      }
      if (head && row.seq === head.seq && row.hash !== head.hash) {
        return broken('the newest entry differs from the one the chain head recorded')
      }
      for (; checkpoints[nextCheckpoint]?.seq === row.seq; nextCheckpoint++) {
        const checkpoint = checkpoints[nextCheckpoint]!
        if (checkpoint.hash !== row.hash || checkpoint.id !== row.id) {
          return broken('a checkpoint recorded another entry or hash here (a forged checkpoint, or the entry was replaced)', '')
        }
      }
      previous = { seq: row.seq, id: row.id, hash: row.hash }
      entries++
      if (options.limit !== undefined && entries >= options.limit && head && seq < BigInt(head.seq)) {
        return report({ entries, ok: true, head: previous, unverified: Number(BigInt(head.seq) - seq) })
      }
    }
    if (rows.length < BATCH) break
  }
  const lastSeq = previous ? BigInt(previous.seq) : 0n
  const beyond = checkpoints.slice(nextCheckpoint).find((checkpoint) => BigInt(checkpoint.seq) > lastSeq)
  const cut = endCut(head, previous, lastSeq)
  if (cut) return report({ entries, ok: false, firstBroken: cut })
  if (beyond) {
    return report({
      entries,
      ok: false,
      firstBroken: { seq: beyond.seq, id: null, reason: `a checkpoint vouches for entry ${beyond.seq}, which the chain never reached (a forged checkpoint)` },
    })
  }
  return report({ entries, ok: true, ...(previous ? { head: previous } : {}) })
}

const compareSeq = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)

function chainedFields(row: Row): ChainedFields {
  return {
    workspaceId: row.workspace_id,
    seq: BigInt(row.seq),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
  }
}

async function chainHead(db: Queryable, workspaceId: string | null) {
  const { rows } = await db.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE chain = $1',
    [workspaceId ?? 'platform'],
  )
  return rows[0] ?? null
}

/**
 * Why the entry a checkpoint recorded no longer is what was verified (null: it still is). Only
 * the checkpointed entry is read: older ones are a full verification's to check.
 */
async function checkpointedEntryChange(db: Queryable, workspaceId: string | null, from: ChainPoint): Promise<string | null> {
  const chain = workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = $2'
  const { rows } = await db.query<Row>(
    `SELECT * FROM audit_entry WHERE ${chain} AND seq = $1`,
    workspaceId === null ? [from.seq] : [from.seq, workspaceId],
  )
  const entry = rows[0]
  if (!entry) return `the entry verified at the last checkpoint is gone (entries from ${from.seq} on were removed)`
  // Its content is hashed again: an edit that left the stored hash alone is caught too.
  if (entry.id !== from.id || entry.hash !== from.hash || entryHash(entry.prev_hash, chainedFields(entry)) !== from.hash) {
    return 'the entry verified at the last checkpoint was changed or replaced since (its hash or id differs from the checkpoint)'
  }
  return null
}

/** An intact walk must end where the head says: otherwise the newest entries were removed. */
function endCut(head: { seq: string; hash: string } | null, last: ChainPoint | null, lastSeq: bigint): ChainReport['firstBroken'] | null {
  if (!head) return null
  if (!last) return { seq: '1', id: null, reason: `the whole chain is missing (its head is entry ${head.seq})` }
  if (BigInt(head.seq) > lastSeq) {
    const from = lastSeq + 1n
    return {
      seq: String(from),
      id: null,
      reason: `entries ${from}–${head.seq} were removed from the end of the chain (its head is entry ${head.seq})`,
    }
  }
  if (BigInt(head.seq) === lastSeq && head.hash !== last.hash) {
    return { seq: head.seq, id: last.id, reason: 'the newest entry differs from the one the chain head recorded' }
  }
  return null
}

async function nextBatch(db: Queryable, workspaceId: string | null, afterSeq: bigint) {
  // `=` and `IS NULL` (not IS NOT DISTINCT FROM) so the (workspace_id, seq) index is used.
  const chain = workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = $2'
  const { rows } = await db.query<Row>(
    `SELECT * FROM audit_entry WHERE ${chain} AND seq > $1 ORDER BY seq LIMIT ${BATCH}`,
    workspaceId === null ? [String(afterSeq)] : [String(afterSeq), workspaceId],
  )
  return rows
}

/**
 * Verify every chain in the database from its first entry (platform maintenance: reads as the
 * owner): each chain with entries or a head, and each workspace's, since creating a workspace
 * writes its first entry.
 */
export async function verifyAllChains(db: Queryable): Promise<ChainReport[]> {
  const { rows } = await db.query<{ workspace_id: string | null }>(
    `SELECT DISTINCT workspace_id FROM audit_entry
     UNION SELECT workspace_id FROM audit_chain_head
     UNION SELECT id FROM workspace
     ORDER BY workspace_id NULLS FIRST`,
  )
  const reports: ChainReport[] = []
  for (const row of rows) reports.push(await verifyWholeChain(db, row.workspace_id))
  return reports
}

/**
 * Walk one chain from its first entry, holding every checkpoint ever made against it (a forged
 * or stale one is named). A workspace's chain without entries is missing: creating the
 * workspace wrote its first entry.
 */
export async function verifyWholeChain(db: Queryable, workspaceId: string | null): Promise<ChainReport> {
  const report = await verifyChain(db, workspaceId, { checkpoints: await checkpointsOf(db, workspaceId) })
  if (!(report.entries === 0 && report.ok && workspaceId !== null)) return report
  return {
    ...report,
    ok: false,
    firstBroken: {
      seq: '1',
      id: null,
      reason: 'the whole chain is missing (creating the workspace wrote its first entry)',
    },
  }
}
