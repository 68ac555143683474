// Staff download a request's export through the API (scope requests:export): the ZIP as the
// export job stored it, decrypted while it streams. The download is audited in the transaction
// that finds the export and opens its key, so an entry exists for every download that started.
// Unlike the requester's download, it needs no release: staff read the export to review it.
import type { RequestOrigin } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import type { TenantContext } from '~/modules/db/tenant.server'
import { withTenant } from '~/modules/db/tenant.server'
import { type ExportObject, openExport } from '~/modules/dsar/export.server'
import { STOPPED_STATES, taskModeOf } from '~/modules/dsar/request-kinds'

export type ExportDownload =
  | { kind: 'none'; message: string }
  | { kind: 'not_ready'; message: string }
  | { kind: 'ready'; reference: string; bytes: bigint; open: Awaited<ReturnType<typeof openExport>> }

export async function openExportForStaff(tenant: TenantContext, requestId: string, origin: RequestOrigin): Promise<ExportDownload> {
  return withTenant(tenant, async (tx) => {
    const request = await tx.privacyRequest.findUnique({ where: { id: requestId }, include: { export: true } })
    if (!request) return { kind: 'none', message: 'There is no privacy request with this id in this workspace.' }
    if (taskModeOf(request.type) !== 'access') {
      return { kind: 'none', message: `Request ${request.reference} is a ${request.type} request: only access and portability requests have an export.` }
    }
    const exported = request.export
    // A member sent it back: it is assembled again once the tasks have run again.
    if (exported?.deletedAt && !exported.releasedAt && !STOPPED_STATES.includes(request.state)) {
      return {
        kind: 'not_ready',
        message: `The export of ${request.reference} was sent back and is not built again yet (request state: ${request.state}).`,
      }
    }
    if (exported?.deletedAt) {
      return {
        kind: 'none',
        message: `The export of ${request.reference} was deleted on ${exported.deletedAt.toISOString().slice(0, 10)} (exports are kept 7 days after release; one never sent is deleted when its request is closed).`,
      }
    }
    if (!exported) {
      return {
        kind: 'not_ready',
        message: `The export of ${request.reference} is not built yet (request state: ${request.state}): it is assembled once every data system’s task is done.`,
      }
    }
    const open = await openExport(tx, tenant.workspaceId, exported.object as ExportObject)
    await recordAudit(tx, { ...tenant, origin }, {
      action: 'request.export.download',
      target: { type: 'request_export', id: exported.id },
      after: { requestId: request.id, bytes: Number(exported.bytes) },
    })
    return { kind: 'ready', reference: request.reference, bytes: exported.bytes, open }
  })
}
