// incident.remind (hourly): while an open incident's 72-hour clock runs, its owner and the
// workspace's owners and admins are e-mailed 24, 48 and 60 hours after awareness. Each reminder
// is claimed (notifications/reminders.server.ts) in the transaction that queues its e-mails: a
// retry or a second worker sends nothing twice, a run killed before its commit leaves nothing
// claimed and the next run sends it. A run after a gap sends only the latest step due, once.
import { PERMISSIONS } from '~/modules/auth/permissions'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { appOrigin } from '~/modules/config/env.server'
import { queueEmail } from '~/modules/email/email.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { claimReminder } from '~/modules/notifications/reminders.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { CLOCK_HOURS, REMINDER_STEPS, dueReminderStep, incidentClock } from './clock'
import { incidentReminderMail } from './incident-mail'
import { incidentPath } from './paths'

const actor = { type: 'system', reason: 'incident reminders' } as const
const FIRST_STEP_HOURS = REMINDER_STEPS[0].hours

/** Open incidents whose clock runs and has passed its first step at `now` (a cross-workspace read by the owner). */
async function candidates(now: Date): Promise<{ workspaceId: string; incidentId: string }[]> {
  const { rows } = await ownerPool().query<{ workspace_id: string; id: string }>(
    `SELECT i.workspace_id, i.id FROM incident i JOIN workspace w ON w.id = i.workspace_id
      WHERE w.deleted_at IS NULL AND i.status = 'open'
        AND i.authority_notified_at IS NULL AND i.not_reportable_at IS NULL
        AND i.aware_at <= $1::timestamptz - make_interval(hours => $2::int)
        AND i.aware_at > $1::timestamptz - make_interval(hours => $3::int)
      ORDER BY i.aware_at`,
    [now, FIRST_STEP_HOURS, CLOCK_HOURS],
  )
  return rows.map((row) => ({ workspaceId: row.workspace_id, incidentId: row.id }))
}

/**
 * In `tx` (the incident's workspace): claim and queue the reminder due at `now`, if any; the
 * number of members e-mailed. The owner (while still an owner or admin) and every owner and admin, once each.
 */
export async function remindIncident(tx: Tx, incidentId: string, now: Date): Promise<number> {
  // Locked: a notification recorded at this moment either comes first (no reminder) or waits.
  await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incidentId}::uuid FOR UPDATE`
  const incident = await tx.incident.findUnique({ where: { id: incidentId }, include: { workspace: { select: { name: true, slug: true } } } })
  if (!incident || incident.status !== 'open') return 0
  const clock = incidentClock(incident, now)
  const step = dueReminderStep(clock, incident.awareAt, now)
  if (!step) return 0
  const admins = await membersToTell(tx, 'incident_clock')
  const owner = incident.ownerUserId
    ? await tx.membership.findFirst({ where: { userId: incident.ownerUserId, role: { in: [...PERMISSIONS['incidents.manage']] } }, select: { user: { select: { email: true } } } })
    : null
  const emails = [...new Set([...(owner ? [owner.user.email] : []), ...admins.map((admin) => admin.email)])]
  const claimed = await claimReminder(
    tx,
    { workspaceId: incident.workspaceId, subjectType: 'incident', subjectId: incident.id, deadline: clock.dueAt, step },
    emails.length,
  )
  if (!claimed) return 0
  const mail = incidentReminderMail({
    workspaceName: incident.workspace.name,
    reference: incident.reference,
    title: incident.title,
    severity: incident.severity,
    url: `${appOrigin()}${incidentPath(incident.workspace.slug, incident.id)}`,
    hoursSinceAwareness: REMINDER_STEPS.find((s) => s.step === step)!.hours,
    clock,
  })
  for (const to of emails) await queueEmail(tx, incident.workspaceId, { to, ...mail })
  return emails.length
}

/** Every reminder due at `now`; one incident failing does not stop the others. */
export async function sendIncidentReminders(now = new Date()): Promise<{ incidents: number; emails: number; failed: number }> {
  const due = await candidates(now)
  let emails = 0
  let failed = 0
  for (const { workspaceId, incidentId } of due) {
    try {
      emails += await withTenant({ workspaceId, actor }, (tx) => remindIncident(tx, incidentId, now))
    } catch (error) {
      failed++
      log('error', 'incident reminder failed', { workspaceId, incidentId, ...errorFields(error) })
    }
  }
  return { incidents: due.length, emails, failed }
}
