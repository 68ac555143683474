// Verified checkpoints of the audit chains (decision 020): "the chain was verified up to entry
// N, whose hash was H, at time T". A walk continues from the newest one instead of the first
// entry. Only the verifier writes them, as the owner (the application role may only read);
// the table is append-only, so a full verification can hold every checkpoint ever made
// against the chain.
import type pg from 'pg'
import type { ChainPoint, Queryable } from './verify.server'
import { ownerPool } from '~/modules/db/owner.server'

export type Checkpoint = ChainPoint & { full: boolean; verifiedAt: Date }

type Row = { seq: string; entry_id: string; hash: string; full: boolean; verified_at: Date }

const chainFilter = (workspaceId: string | null) => (workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = $1')
const chainValues = (workspaceId: string | null) => (workspaceId === null ? [] : [workspaceId])
const fromRow = (row: Row): Checkpoint => ({
  seq: String(row.seq),
  id: String(row.entry_id),
  hash: row.hash,
  full: row.full,
  verifiedAt: row.verified_at,
})

/** The checkpoint furthest along the chain (the newest of those at the same entry). */
export async function latestCheckpoint(db: Queryable, workspaceId: string | null): Promise<Checkpoint | null> {
  const { rows } = await db.query<Row>(
    `SELECT seq, entry_id, hash, "full", verified_at FROM audit_checkpoint
      WHERE ${chainFilter(workspaceId)} ORDER BY seq DESC, id DESC LIMIT 1`,
    chainValues(workspaceId),
  )
  return rows[0] ? fromRow(rows[0]) : null
}

/** Every checkpoint of the chain, for a full verification to hold against the entries. */
export async function checkpointsOf(db: Queryable, workspaceId: string | null): Promise<Checkpoint[]> {
  const { rows } = await db.query<Row>(
    `SELECT seq, entry_id, hash, "full", verified_at FROM audit_checkpoint
      WHERE ${chainFilter(workspaceId)} ORDER BY seq, id`,
    chainValues(workspaceId),
  )
  return rows.map(fromRow)
}

/** Record that `workspaceId`'s chain was verified intact up to `point` (the owner's pool only). */
export async function recordCheckpoint(
  owner: Pick<pg.Pool, 'query'>,
  workspaceId: string | null,
  point: ChainPoint,
  full: boolean,
): Promise<void> {
  await owner.query('INSERT INTO audit_checkpoint (workspace_id, seq, entry_id, hash, "full") VALUES ($1, $2, $3, $4, $5)', [
    workspaceId,
    point.seq,
    point.id,
    point.hash,
    full,
  ])
}

/** Every audit chain (null: the platform's), as the owner: one head per chain. */
export async function auditChains(): Promise<(string | null)[]> {
  const { rows } = await ownerPool().query<{ workspace_id: string | null }>(
    'SELECT workspace_id FROM audit_chain_head ORDER BY workspace_id NULLS FIRST',
  )
  return rows.map((row) => row.workspace_id)
}
