// Full verifications of an audit chain: a walk from the first entry, in batches and outside any
// long transaction, asked for on the audit page (the audit.verify job runs it) or run by
// `npm run audit:verify`. The outcome is recorded by the verifier as the owner, with a full
// checkpoint when the chain is intact; the page shows it (decision 020).
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { type AuditScope, recordAudit } from './record.server'
import { recordCheckpoint } from './checkpoints.server'
import { type ChainReport, type Queryable, verifyWholeChain } from './verify.server'
import { ownerPool } from '~/modules/db/owner.server'
import type { Tx } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { inPoolTransaction } from '~/modules/db/client-transaction'

export type FullVerificationState = 'requested' | 'intact' | 'broken' | 'failed'

export type FullVerification = {
  id: string
  state: FullVerificationState
  requestedAt: Date
  finishedAt: Date | null
  entries: string | null
  throughSeq: string | null
  brokenSeq: string | null
  brokenReason: string | null
}

type Row = {
  id: string
  state: FullVerificationState
  requested_at: Date
  finished_at: Date | null
  entries: string | null
  through_seq: string | null
  broken_seq: string | null
  broken_reason: string | null
}

const fromRow = (row: Row): FullVerification => ({
  id: row.id,
  state: row.state,
  requestedAt: row.requested_at,
  finishedAt: row.finished_at,
  entries: row.entries === null ? null : String(row.entries),
  throughSeq: row.through_seq === null ? null : String(row.through_seq),
  brokenSeq: row.broken_seq === null ? null : String(row.broken_seq),
  brokenReason: row.broken_reason,
})

/** Walk `workspaceId`'s whole chain as the owner and record the outcome (under `verificationId` when one was asked for). */
export async function verifyChainFully(workspaceId: string | null, verificationId?: string): Promise<ChainReport> {
  const report = await verifyWholeChain(ownerPool(), workspaceId)
  await recordFullVerification(ownerPool(), report, verificationId)
  return report
}

/**
 * Store a full walk's outcome; an intact chain also gets a full checkpoint at its newest entry,
 * in the same transaction: the audit page never shows the one without the other.
 */
export async function recordFullVerification(
  owner: pg.Pool,
  report: ChainReport,
  verificationId: string = randomUUID(),
): Promise<void> {
  await inPoolTransaction(owner, async (client) => {
    await client.query(
      `INSERT INTO audit_verification (id, workspace_id, state, finished_at, entries, through_seq, broken_seq, broken_reason)
       VALUES ($1, $2, $3, now(), $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, finished_at = EXCLUDED.finished_at,
         entries = EXCLUDED.entries, through_seq = EXCLUDED.through_seq,
         broken_seq = EXCLUDED.broken_seq, broken_reason = EXCLUDED.broken_reason`,
      [
        verificationId,
        report.workspaceId,
        report.ok ? 'intact' : 'broken',
        report.entries,
        report.head?.seq ?? null,
        report.firstBroken?.seq ?? null,
        report.firstBroken?.reason ?? null,
      ],
    )
    if (report.ok && report.head) await recordCheckpoint(client, report.workspaceId, report.head, true)
  })
}

/**
 * A member asks for a full verification of their workspace's chain: one waiting request at a
 * time (asking again while one waits returns it). The job is queued in the same transaction.
 */
export async function requestFullVerification(tx: Tx, scope: AuditScope & { workspaceId: string }, requestedBy: string | null): Promise<string> {
  const waiting = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM audit_verification WHERE workspace_id = ${scope.workspaceId}::uuid AND state = 'requested' LIMIT 1`
  if (waiting[0]) return waiting[0].id
  const id = randomUUID()
  await tx.$executeRaw`INSERT INTO audit_verification (id, workspace_id, requested_by)
    VALUES (${id}::uuid, ${scope.workspaceId}::uuid, ${requestedBy}::uuid)`
  await enqueue(tx, 'audit.verify', { verificationId: id })
  await recordAudit(tx, scope, { action: 'audit.verify_request', target: { type: 'audit_verification', id } })
  return id
}

/** The audit.verify job: run a requested verification once (a rerun after it finished does nothing). */
export async function runRequestedVerification(verificationId: string): Promise<void> {
  const { rows } = await ownerPool().query<{ workspace_id: string | null; state: FullVerificationState }>(
    'SELECT workspace_id, state FROM audit_verification WHERE id = $1',
    [verificationId],
  )
  if (rows[0]?.state !== 'requested') return
  await verifyChainFully(rows[0].workspace_id, verificationId)
}

/** The job gave up (its retries ran out): say so rather than leave it waiting forever. */
export async function markVerificationFailed(verificationId: string): Promise<void> {
  await ownerPool().query(
    "UPDATE audit_verification SET state = 'failed', finished_at = now() WHERE id = $1 AND state = 'requested'",
    [verificationId],
  )
}

/** The newest finished full verification (intact or broken) and the one waiting, if any. */
export async function fullVerifications(
  db: Queryable,
  workspaceId: string | null,
): Promise<{ lastFinished: FullVerification | null; latest: FullVerification | null }> {
  const chain = workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = $1'
  const values = workspaceId === null ? [] : [workspaceId]
  const columns = 'id, state, requested_at, finished_at, entries, through_seq, broken_seq, broken_reason'
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const finished = await db.query<Row>(
    `SELECT ${columns} FROM audit_verification WHERE ${chain} AND state IN ('intact', 'broken')
      ORDER BY finished_at DESC LIMIT 1`,
    values,
  )
  const latest = await db.query<Row>(`SELECT ${columns} FROM audit_verification WHERE ${chain} ORDER BY requested_at DESC LIMIT 1`, values)
  return {
    lastFinished: finished.rows[0] ? fromRow(finished.rows[0]) : null,
    latest: latest.rows[0] ? fromRow(latest.rows[0]) : null,
  }
}
