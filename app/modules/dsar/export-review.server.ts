// Review before delivery (issue 12, decision 008's addendum): an assembled export reaches the
// requester only when a member sends it ("Send to the requester"), or by the workspace's
// automatic release for that request type. Until then the requester's page says it is being
// reviewed and the download is refused. A member may instead send it back: the tasks run again
// and the next assembly replaces it. Each step is one transaction with its audit entry.
import type { PrivacyRequest, RequestExport, RequestType, Workspace } from '~/generated/prisma/client'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import type { ExportEntry, SummarySection } from './export-files'
import { followLine } from './follow-links.server'
import { PrivacySettingsError } from './privacy-settings.server'
import { CLOSED_STATES, REQUEST_STATES, REQUEST_TYPES, taskModeOf } from './request-kinds'
import { memberActing, tellTeam } from './team-notice.server'
import { addEvent } from './timeline.server'
import { RequestRuleError } from './workflow.server'

/** How long the requester may download a released export. */
export const EXPORT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

/** What the ZIP holds, kept on the export row for the reviewer. */
export type ExportContents = {
  files: ExportEntry[]
  summary: SummarySection[]
}

/** Request types whose exports a workspace may release automatically. */
export const AUTO_RELEASE_TYPES = (Object.keys(REQUEST_TYPES) as RequestType[]).filter((type) => taskModeOf(type) === 'access')

type Loaded = PrivacyRequest & { workspace: Workspace }

const day = (date: Date) => date.toISOString().slice(0, 10)

/** Mark the export released, tell the requester (page and e-mail), audit: the caller's transaction. */
async function release(tx: Tx, scope: AuditScope, request: Loaded, exported: RequestExport, by: { userId: string } | 'automatic') {
  const releasedAt = new Date()
  const expiresAt = new Date(releasedAt.getTime() + EXPORT_LIFETIME_MS)
  await tx.requestExport.update({
    where: { id: exported.id },
    data: { releasedAt, expiresAt, releasedBy: by === 'automatic' ? null : by.userId, autoReleased: by === 'automatic' },
  })
  await addEvent(tx, request, {
    kind: 'export_released',
    public: true,
    actorUserId: by === 'automatic' ? null : by.userId,
    body: `${request.workspace.name} sent you the export of your data. You can download it from this page until ${day(expiresAt)}.`,
  })
  await queueEmail(tx, request.workspaceId, {
    to: request.email,
    subject: `${request.workspace.name}: your data is ready to download (${request.reference})`,
    text: [
      `${request.workspace.name} sent you the export of your data for request ${request.reference}.`,
      `Download it from your request’s page until ${day(expiresAt)}.`,
      await followLine(tx, request, request.workspace.slug),
    ].join('\n'),
  }, { branded: true })
  await recordAudit(tx, scope, {
    action: 'request.export.release',
    target: { type: 'request_export', id: exported.id },
    before: { releasedAt: null },
    after: { releasedAt: releasedAt.toISOString(), expiresAt: expiresAt.toISOString(), automatic: by === 'automatic' },
  })
}

async function lockRequest(tx: Tx, requestId: string): Promise<Loaded & { export: RequestExport | null }> {
  await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${requestId}::uuid FOR UPDATE`
  const request = await tx.privacyRequest.findUnique({ where: { id: requestId }, include: { workspace: true, export: true } })
  if (!request || request.state === 'unverified') throw new RequestRuleError('There is no such request in this workspace.')
  return request
}

/** An export waiting for review: assembled, neither released nor discarded. */
const awaitingReview = (exported: RequestExport | null): exported is RequestExport =>
  exported !== null && exported.releasedAt === null && exported.deletedAt === null

/** "Send to the requester": a member releases the export they reviewed. */
export async function sendExportToRequester(member: Member, requestId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (CLOSED_STATES.includes(request.state)) throw new RequestRuleError(`This request is already ${REQUEST_STATES[request.state].toLowerCase()}: its export cannot be sent.`)
    const exported = request.export
    if (exported?.releasedAt) throw new RequestRuleError('The export was already sent to the requester.')
    if (!awaitingReview(exported)) throw new RequestRuleError('There is no export waiting for review.')
    await release(tx, { ...member.tenant, origin }, request, exported, { userId: member.user.id })
  })
}

/**
 * "Assemble again": the reviewed export is not sent. Its object is deleted, every task of the
 * request runs again (automatic ones at once, checklists wait for a member), and the export is
 * assembled anew once they are done, under the next assembly's object name.
 */
export async function assembleExportAgain(member: Member, requestId: string, reason: string, origin: RequestOrigin): Promise<void> {
  const discarded = await withTenant(member.tenant, async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (CLOSED_STATES.includes(request.state)) throw new RequestRuleError(`This request is already ${REQUEST_STATES[request.state].toLowerCase()}.`)
    if (!awaitingReview(request.export)) throw new RequestRuleError('Only an export waiting for review can be assembled again.')
    const exported = request.export
    const deletedAt = new Date()
    await tx.requestExport.update({ where: { id: exported.id }, data: { deletedAt } })
    const tasks = await tx.requestTask.findMany({ where: { requestId }, include: { dataSystem: true } })
    for (const task of tasks) {
      const manual = task.dataSystem.kind === 'manual'
      await tx.requestTask.update({
        where: { id: task.id },
        data: { state: manual ? 'waiting_for_staff' : 'pending', lastError: null, completedAt: null, completedBy: null },
      })
      if (!manual) await enqueue(tx, 'dsar.task', { workspaceId: request.workspaceId, taskId: task.id }, { singletonKey: task.id })
    }
    await addEvent(tx, request, { kind: 'export_sent_back', actorUserId: member.user.id, body: `Sent back to be assembled again: ${reason}` })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'request.export.assemble_again',
      target: { type: 'request_export', id: exported.id },
      before: { assembly: exported.assembly },
      after: { deletedAt: deletedAt.toISOString(), reason },
    })
    return exported.object as { key: string }
  })
  // After the commit: the next assembly writes under another name, so this cannot remove it.
  await objectStore().delete(discarded.key)
}

/** Whether a just-assembled export goes out without review: the workspace chose it for this type, and still has a system of its own. */
async function releasesAutomatically(tx: Tx, request: Loaded): Promise<boolean> {
  if (!request.workspace.exportAutoRelease.includes(request.type)) return false
  return (await ownDataSystems(tx)) > 0
}

const ownDataSystems = (tx: Tx) => tx.dataSystem.count({ where: { archivedAt: null, kind: { not: 'built_in' } } })

/** Called by the export job in the transaction that records the export: released, or the team is told it waits. */
export async function afterExportAssembled(tx: Tx, scope: AuditScope, request: Loaded, exported: RequestExport): Promise<void> {
  const automatic = await releasesAutomatically(tx, request)
  await addEvent(tx, request, {
    kind: 'export_ready',
    body: automatic
      ? `The export is assembled (${exported.bytes} bytes); the workspace sends exports of this type without review.`
      : `The export is assembled (${exported.bytes} bytes) and waits for review: send it to the requester, or have it assembled again.`,
  })
  if (automatic) await release(tx, scope, request, exported, 'automatic')
  else await tellTeam(tx, request.id, 'export_ready', { actorUserId: memberActing(scope.actor) })
}

/**
 * The workspace's choice of automatic release, per request type. Refused while Candor's own
 * records are its only data system: such an export holds only what Candor itself keeps, and a
 * person should look at it before the requester takes it for the company's whole answer.
 */
export async function setExportAutoRelease(member: Member, types: readonly RequestType[], origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id } })
    const chosen = AUTO_RELEASE_TYPES.filter((type) => types.includes(type))
    if (chosen.length > 0 && (await ownDataSystems(tx)) === 0) {
      throw new PrivacySettingsError(
        'Automatic release needs at least one data system besides Candor’s own: add the systems that hold your customers’ data first. Until then a member reviews each export.',
      )
    }
    if (chosen.join() === workspace.exportAutoRelease.join()) return
    await tx.workspace.update({ where: { id: workspace.id }, data: { exportAutoRelease: chosen } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.export_auto_release',
      target: { type: 'workspace', id: workspace.id },
      before: { exportAutoRelease: workspace.exportAutoRelease },
      after: { exportAutoRelease: chosen },
    })
  })
}
