// What confirming a request sets going, in the confirming transaction: it is received now,
// its deadline is computed, the requester gets the reference and status link, and one task
// per data system is created and queued (access and erasure requests), and the team is told.
import { type AuditScope, recordAudit } from '~/modules/audit/record.server'
import type { PublicWorkspace, Tx } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import { followLine } from './follow-links.server'
import { formatDeadline, refreshDueAt } from './request-deadline.server'
import { REQUEST_TYPES } from './request-kinds'
import { createTasks } from './tasks.server'
import { memberActing, tellTeam } from './team-notice.server'
import { addEvent } from './timeline.server'

export async function startRequest(
  tx: Tx,
  workspace: PublicWorkspace,
  request: PrivacyRequest,
  scope: AuditScope,
): Promise<void> {
  const receivedAt = new Date()
  await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'verified', receivedAt } })
  const deadlines = await refreshDueAt(tx, request.id)
  await addEvent(tx, request, { kind: 'verified', public: true, body: 'The request is received.' })
  await recordAudit(tx, scope, {
    action: 'request.confirm',
    target: { type: 'privacy_request', id: request.id },
    before: { state: 'unverified' },
    after: { state: 'verified', receivedAt: receivedAt.toISOString() },
  })
  const tasks = await createTasks(tx, request)
  if (tasks > 0) {
    await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'in_progress' } })
  }
  await emitRequestEvent(tx, request, 'request.received')
  const follow = await followLine(tx, request, workspace.slug)
  await queueEmail(tx, workspace.id, {
    to: request.email,
    subject: `${workspace.name} received your privacy request ${request.reference}`,
    text: [
      `${workspace.name} received your request: "${REQUEST_TYPES[request.type].label}".`,
      `Reference: ${request.reference}`,
      `Received: ${receivedAt.toISOString().slice(0, 10)}`,
      `Answer due by: ${formatDeadline(deadlines.effective)}`,
      '',
      follow,
    ].join('\n'),
  }, { branded: true })
  await tellTeam(tx, request.id, 'received', {
    actorUserId: memberActing(scope.actor),
    addressConfirmedBy: scope.actor.type === 'subject' ? 'requester' : 'filer',
  })
}
