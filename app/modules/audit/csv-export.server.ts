// Exporting a workspace's audit log as CSV. The export is itself recorded in the log (who took
// which entries out), then the entries stream out in keyset batches, each read in its own short
// transaction, so a long log never sits in memory or holds one transaction open.
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { AuditFilters } from './filters'
import { AUDIT_CSV_HEADER, auditCsvRecord, auditEntries } from './list.server'
import { type RequestOrigin, recordAudit } from './record.server'

const BATCH_SIZE = 1000

/** Record the export in the workspace's chain, then return the CSV as a stream, newest first. */
export async function exportAuditLog(
  member: Pick<Member, 'tenant'>,
  filters: AuditFilters,
  origin: RequestOrigin,
): Promise<ReadableStream<Uint8Array>> {
  const { workspaceId } = member.tenant
  await withTenant(member.tenant, (tx) =>
    recordAudit(tx, { ...member.tenant, origin }, {
      action: 'audit.export',
      target: { type: 'workspace', id: workspaceId },
      after: filters,
    }),
  )
  const encoder = new TextEncoder()
  let before: bigint | undefined
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(AUDIT_CSV_HEADER))
    },
    async pull(controller) {
      const rows = await withTenant(member.tenant, (tx) =>
        auditEntries(tx, workspaceId, filters, { before, limit: BATCH_SIZE }),
      )
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(auditCsvRecord).join('')))
      if (rows.length < BATCH_SIZE) controller.close()
      else before = BigInt(rows[rows.length - 1]!.seq)
    },
  })
}
