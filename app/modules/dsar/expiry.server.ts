// Requests whose e-mail was never confirmed were never received: after 7 days they are deleted,
// with an audit entry in their workspace's log (the entry names no personal data).
import { recordAudit } from '~/modules/audit/record.server'
import { withTenant } from '~/modules/db/tenant.server'
import { ownerPool } from '~/modules/db/owner.server'
import { VERIFY_LIFETIME_MS } from './requester-codes.server'

/** Delete every unconfirmed request older than 7 days; returns how many. */
export async function deleteUnconfirmedRequests(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - VERIFY_LIFETIME_MS)
  // Finding them crosses workspaces (the owner's maintenance read); each deletion then runs
  // in its own workspace's transaction, with its audit entry.
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string; reference: string }>(
    `SELECT id, workspace_id, reference FROM privacy_request
      WHERE state = 'unverified' AND submitted_at < $1 ORDER BY submitted_at LIMIT 10000`,
    [cutoff],
  )
  let deleted = 0
  for (const row of rows) {
    const ctx = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'dsar.expire' } as const }
    deleted += await withTenant(ctx, async (tx) => {
      const gone = await tx.privacyRequest.deleteMany({ where: { id: row.id, state: 'unverified', submittedAt: { lt: cutoff } } })
      if (gone.count === 0) return 0
      await recordAudit(tx, ctx, {
        action: 'request.expire',
        target: { type: 'privacy_request', id: row.id },
        before: { reference: row.reference, state: 'unverified' },
      })
      return 1
    })
  }
  return deleted
}
