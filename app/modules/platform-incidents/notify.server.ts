// platform_incident.notify: carry one incident event to every affected workspace. For each, in
// one transaction: a platform_incident_notice row (unique per event and workspace), the event
// in the workspace's audit log, and for S0/S1 incidents an e-mail to each owner and admin (the
// members now: someone removed before the event is not told). A retry, or a second run, skips
// the workspaces already told; a workspace that fails does not stop the others and is tried
// again by the job's retry. Workspaces are found in batches as the owner, so "all workspaces"
// on a large installation is many short transactions, never one huge one (decision 028).
import { recordAudit } from '~/modules/audit/record.server'
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Actor, withPlatform, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { EMAILED_SEVERITIES } from './incident-input'
import { platformIncidentMail } from './incident-mail'
import type { NotifyJob } from './incidents.server'

const BATCH = 200

export type NotifyResult = { workspaces: number; emails: number; failed: number }

const AUDIT_ACTION = {
  declared: 'platform_incident.declare',
  update: 'platform_incident.update',
  published: 'platform_incident.publish',
  unpublished: 'platform_incident.unpublish',
} as const

/** The event with its incident, and whether its owners and admins are e-mailed about it. */
async function loadEvent(eventId: string) {
  return withPlatform(async (tx) => {
    const event = await tx.platformIncidentEvent.findUnique({ where: { id: eventId }, include: { incident: true } })
    if (!event) return null
    // Once an incident was serious, every later update is e-mailed too, down to its resolution:
    // whoever was told it began is told how it went.
    const wasSerious = await tx.platformIncidentEvent.count({
      where: { incidentId: event.incidentId, postedAt: { lte: event.postedAt }, severity: { in: [...EMAILED_SEVERITIES] } },
    })
    const emailed = (event.kind === 'declared' || event.kind === 'update') && wasSerious > 0
    // The first serious event is the first e-mail: it says what the incident is, even when it
    // is an update that raised an S2 to S1.
    const firstTold = emailed && wasSerious === 1 && EMAILED_SEVERITIES.includes(event.severity)
    return { event, emailed, firstTold }
  })
}

type LoadedEvent = NonNullable<Awaited<ReturnType<typeof loadEvent>>>

/** The next affected, open workspaces after `after` (by id) that this event has not reached. */
async function nextWorkspaces(loaded: LoadedEvent, after: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ id: string }>(
    `SELECT w.id FROM workspace w
      WHERE w.deleted_at IS NULL AND w.id > $1::uuid
        AND ($2::boolean OR EXISTS (SELECT 1 FROM platform_incident_workspace a WHERE a.incident_id = $3::uuid AND a.workspace_id = w.id))
        AND NOT EXISTS (SELECT 1 FROM platform_incident_notice n WHERE n.event_id = $4::uuid AND n.workspace_id = w.id)
      ORDER BY w.id LIMIT $5`,
    [after, loaded.event.incident.affectsAll, loaded.event.incidentId, loaded.event.id, BATCH],
  )
  return rows.map((row) => row.id)
}

/** Tell one workspace, once: the number of e-mails queued, or null when it was told before. */
async function tellWorkspace(workspaceId: string, { event, emailed, firstTold }: LoadedEvent): Promise<number | null> {
  const { incident } = event
  const actor: Actor = event.postedBy ? { type: 'operator', userId: event.postedBy } : { type: 'system', reason: 'platform incident' }
  return withTenant({ workspaceId, actor }, async (tx) => {
    const recipients = emailed ? await membersToTell(tx, 'platform_incident') : []
    const claimed = await tx.platformIncidentNotice.createMany({
      data: [{ eventId: event.id, workspaceId, recipients: recipients.length }],
      skipDuplicates: true,
    })
    if (claimed.count === 0) return null
    if (recipients.length > 0) {
      const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true, slug: true } })
      const mail = platformIncidentMail({
        kind: firstTold ? 'declared' : 'update',
        workspaceName: workspace.name,
        title: incident.title,
        severity: event.severity,
        status: event.status,
        startedAt: incident.startedAt,
        resolvedAt: event.status === 'resolved' ? incident.resolvedAt : null,
        message: event.message ?? '',
        postedAt: event.postedAt,
        dashboardUrl: `${appOrigin()}/w/${workspace.slug}`,
      })
      // email.send, not email.bulk: the promise is "within 4 hours", and the bulk queue may be
      // behind a sub-processor notice to 50,000 subscribers (decision 028).
      for (const recipient of recipients) await queueEmail(tx, workspaceId, { to: recipient.email, ...mail })
    }
    await recordAudit(tx, { workspaceId, actor }, {
      action: event.kind === 'update' && event.status === 'resolved' ? 'platform_incident.resolve' : AUDIT_ACTION[event.kind],
      target: { type: 'platform_incident', id: incident.id },
      after: {
        title: incident.title,
        severity: event.severity,
        status: event.status,
        ...(event.message ? { update: event.message } : {}),
        ...(event.kind === 'published' || event.kind === 'unpublished' ? { onCandorTrustPage: event.kind === 'published' } : {}),
        membersEmailed: recipients.length,
      },
    })
    return recipients.length
  })
}

/** Carry the event to every affected workspace not told yet. */
export async function notifyIncidentEvent(job: NotifyJob): Promise<NotifyResult> {
  const loaded = await loadEvent(job.eventId)
  const result: NotifyResult = { workspaces: 0, emails: 0, failed: 0 }
  if (!loaded) return result
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const batch = await nextWorkspaces(loaded, after)
    for (const workspaceId of batch) {
      try {
        const emails = await tellWorkspace(workspaceId, loaded)
        if (emails === null) continue
        result.emails += emails
        result.workspaces++
      } catch (error) {
        result.failed++
        log('error', 'platform incident notice failed for a workspace', { eventId: job.eventId, workspaceId, ...errorFields(error) })
      }
    }
    if (batch.length < BATCH) return result
    after = batch[batch.length - 1]!
  }
}
