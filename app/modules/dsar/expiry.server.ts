// Requests whose e-mail was never confirmed were never received: after 7 days they are deleted,
// with an audit entry in their workspace's log (the entry names no personal data). What the
// tasks of a rejected request collected or a member attached, never assembled into an export,
// is deleted too: it would otherwise outlive every export's retention.
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/modules/audit/record.server'
import { withTenant } from '~/modules/db/tenant.server'
import { ownerPool } from '~/modules/db/owner.server'
import { VERIFY_LIFETIME_MS } from './requester-codes.server'
import { deleteArtifacts, taskArtifact } from './task-artifacts.server'

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

/**
 * Delete the stored collections and attached files of tasks whose request was rejected or
 * closed as a duplicate (no export will hold them): the objects first, then the task forgets them. Returns how many tasks.
 */
export async function deleteRejectedRequestsTaskData(): Promise<number> {
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string }>(
    `SELECT t.id, t.workspace_id FROM request_task t JOIN privacy_request r ON r.id = t.request_id
      WHERE r.state IN ('rejected', 'duplicate') AND t.artifact IS NOT NULL AND t.artifact <> 'null'::jsonb LIMIT 1000`,
  )
  for (const row of rows) {
    const ctx = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'dsar.expire' } as const }
    await withTenant(ctx, async (tx) => {
      const task = await tx.requestTask.findUnique({ where: { id: row.id } })
      if (!task) return
      const artifact = taskArtifact(task.artifact)
      await deleteArtifacts(artifact)
      await tx.requestTask.update({ where: { id: task.id }, data: { artifact: Prisma.DbNull } })
      await recordAudit(tx, ctx, {
        action: 'request.task.purge',
        target: { type: 'request_task', id: task.id },
        before: { collections: artifact.collections?.length ?? 0, files: artifact.files?.length ?? 0 },
      })
    })
  }
  return rows.length
}
