// Verifying the audit log: walk each chain in order, recompute every hash, and name the first
// entry where the chain breaks (an edited, removed or inserted entry); compare the chain's end
// with its head (kept by a trigger), which reveals entries cut off the end; and name every
// chain that is gone altogether. See docs/decisions/007-audit-chain-heads.md.
import type pg from 'pg'
import { type ChainedFields, entryHash } from './hash-chain'

export type ChainReport = {
  workspaceId: string | null
  entries: number
  ok: boolean
  /** The newest entry of an intact chain: kept outside the database, it reveals a cut-off end. */
  head?: { seq: string; hash: string }
  firstBroken?: { seq: string; id: string | null; reason: string }
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

export async function verifyChain(db: Queryable, workspaceId: string | null): Promise<ChainReport> {
  let previous: { seq: bigint; hash: string } | null = null
  let entries = 0
  for (;;) {
    const rows = await nextBatch(db, workspaceId, previous?.seq ?? 0n)
    for (const row of rows) {
      const seq = BigInt(row.seq)
      const broken = (reason: string): ChainReport => ({
        workspaceId,
        entries,
        ok: false,
        firstBroken: { seq: row.seq, id: row.id, reason },
      })
      const expectedSeq: bigint = (previous?.seq ?? 0n) + 1n
      if (seq !== expectedSeq) {
        return broken(`entries ${expectedSeq}–${seq - 1n} are missing before this one`)
      }
      if (row.prev_hash !== (previous?.hash ?? null)) {
        return broken('it does not point to the previous entry (prev_hash differs)')
      }
      const fields: ChainedFields = {
        workspaceId: row.workspace_id,
        seq,
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
      if (entryHash(row.prev_hash, fields) !== row.hash) {
        return broken('its content was changed after it was written (hash differs)')
      }
      previous = { seq, hash: row.hash }
      entries++
    }
    if (rows.length < BATCH) return compareWithHead(db, workspaceId, entries, previous)
  }
}

/** An intact chain must end where its head says: otherwise its newest entries were removed. */
async function compareWithHead(
  db: Queryable,
  workspaceId: string | null,
  entries: number,
  last: { seq: bigint; hash: string } | null,
): Promise<ChainReport> {
  const { rows } = await db.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE chain = $1',
    [workspaceId ?? 'platform'],
  )
  const head = rows[0]
  const lastSeq = last?.seq ?? 0n
  if (head && !last) {
    return {
      workspaceId,
      entries,
      ok: false,
      firstBroken: { seq: '1', id: null, reason: `the whole chain is missing (its head is entry ${head.seq})` },
    }
  }
  if (head && BigInt(head.seq) > lastSeq) {
    const from = lastSeq + 1n
    return {
      workspaceId,
      entries,
      ok: false,
      firstBroken: {
        seq: String(from),
        id: null,
        reason: `entries ${from}–${head.seq} were removed from the end of the chain (its head is entry ${head.seq})`,
      },
    }
  }
  if (head && last && head.hash !== last.hash) {
    return {
      workspaceId,
      entries,
      ok: false,
      firstBroken: { seq: head.seq, id: null, reason: 'the newest entry differs from the one the chain head recorded' },
    }
  }
  return { workspaceId, entries, ok: true, ...(last ? { head: { seq: String(last.seq), hash: last.hash } } : {}) }
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
 * Verify every chain in the database (platform maintenance: reads as the owner): each chain
 * with entries or a head, and each workspace's, since creating a workspace writes its first entry.
 */
export async function verifyAllChains(db: Queryable): Promise<ChainReport[]> {
  const { rows } = await db.query<{ workspace_id: string | null }>(
    `SELECT DISTINCT workspace_id FROM audit_entry
     UNION SELECT workspace_id FROM audit_chain_head
     UNION SELECT id FROM workspace
     ORDER BY workspace_id NULLS FIRST`,
  )
  const reports: ChainReport[] = []
  for (const row of rows) {
    const report = await verifyChain(db, row.workspace_id)
    reports.push(report.entries === 0 && report.ok ? missingChain(report) : report)
  }
  return reports
}

function missingChain(report: ChainReport): ChainReport {
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
