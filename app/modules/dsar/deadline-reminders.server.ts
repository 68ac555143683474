// dsar.remind for privacy requests: e-mail the members working an open request when its
// deadline is within one of the workspace's reminder days, and once it is overdue. One query
// across workspaces finds the requests that may be due a step (their stored due date, the steps
// already sent for it); each then gets its own short transaction that locks the request,
// recomputes its deadline (a paused clock sends nothing), claims the step (reminder_sent) and
// queues the e-mails, so a run killed midway leaves every request either told or untold, and
// the next run tells the rest.
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { claimReminder } from '~/modules/notifications/reminders.server'
import { stepToSend } from '~/modules/notifications/reminder-steps'
import { errorFields, log } from '~/modules/observability/log.server'
import { OVERDUE_STEP, requestReminderMail, requestReminderSteps } from './deadline-reminders'
import { deskRequestPath } from './desk-links'
import { LATEST_REMINDER_DAY } from './reminder-settings.server'
import { requestDeadlines } from './request-deadline.server'
import { CLOSED_STATES, REQUEST_TYPES } from './request-kinds'
import { requestRecipients } from './team-notice.server'

const REQUEST_SUBJECT = 'privacy_request'

const actor = { type: 'system', reason: 'dsar.remind' } as const

// Written out (constants, not input) so that the planner matches the partial index
// privacy_request_open_due, which covers only open requests.
const NOT_OPEN = ['unverified', ...CLOSED_STATES].map((state) => `'${state}'`).join(', ')

type Candidate = { id: string; workspace_id: string; received_at: Date; due_at: Date; time_zone: string; reminder_days: number[]; sent: string[] }

/**
 * Open requests whose stored deadline is near enough for a step, or past without the overdue
 * e-mail sent: the owner's maintenance read across workspaces (it names ids and dates only).
 * Two days beyond the furthest reminder day cover the day boundaries of any time zone; the
 * bound of the furthest day any workspace may set lets the partial index answer by range.
 */
async function candidates(now: Date): Promise<Candidate[]> {
  const { rows } = await ownerPool().query<Candidate>(
    `SELECT r.id, r.workspace_id, r.received_at, r.due_at, w.time_zone, w.request_reminder_days AS reminder_days,
            ARRAY(SELECT s.step FROM reminder_sent s
                   WHERE s.subject_type = $2 AND s.subject_id = r.id AND s.deadline = r.due_at) AS sent
       FROM privacy_request r JOIN workspace w ON w.id = r.workspace_id
      WHERE r.state NOT IN (${NOT_OPEN}) AND r.due_at IS NOT NULL AND r.received_at IS NOT NULL
        AND w.deleted_at IS NULL
        AND r.due_at <= $1::timestamptz + make_interval(days => $4)
        AND r.due_at <= $1::timestamptz + make_interval(days => 2 + COALESCE((SELECT max(d) FROM unnest(w.request_reminder_days) d), 0))
        AND NOT EXISTS (SELECT 1 FROM reminder_sent s
                         WHERE s.subject_type = $2 AND s.subject_id = r.id AND s.deadline = r.due_at AND s.step = $3)
      ORDER BY r.due_at, r.id`,
    [now, REQUEST_SUBJECT, OVERDUE_STEP, 2 + LATEST_REMINDER_DAY],
  )
  return rows
}

/** Send the step the request is due at `now`, once; the number of e-mails queued. */
async function remindRequest(ctx: TenantContext, requestId: string, now: Date): Promise<number> {
  return withTenant(ctx, async (tx) => {
    // Taken in turn with staff actions and with a second run: each sees the other's outcome.
    await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${requestId}::uuid FOR UPDATE`
    const request = await tx.privacyRequest.findUnique({
      where: { id: requestId },
      include: { workspace: { select: { name: true, slug: true, timeZone: true, requestReminderDays: true } } },
    })
    if (!request?.receivedAt || request.state === 'unverified' || CLOSED_STATES.includes(request.state)) return 0
    const { effective } = await requestDeadlines(tx, request.id, now)
    if (effective.pausedSince) return 0
    const key = { workspaceId: request.workspaceId, subjectType: REQUEST_SUBJECT, subjectId: request.id, deadline: effective.endsAt }
    const sent = (await tx.reminderSent.findMany({ where: key, select: { step: true } })).map((row) => row.step)
    const { timeZone, requestReminderDays } = request.workspace
    const step = stepToSend(requestReminderSteps({ dueAt: effective.endsAt, timeZone, reminderDays: requestReminderDays, sent }), {
      startedAt: request.receivedAt,
      now,
      sent,
    })
    if (!step) return 0
    const { reason, recipients } = await requestRecipients(tx, request, 'request_deadline')
    if (!(await claimReminder(tx, { ...key, step }, recipients.length))) return 0
    const mail = requestReminderMail({
      step,
      reason,
      workspaceName: request.workspace.name,
      timeZone,
      reference: request.reference,
      requestType: REQUEST_TYPES[request.type].label,
      dueAt: effective.endsAt,
      now,
      reminderDays: requestReminderDays,
      deskUrl: `${appOrigin()}${deskRequestPath(request.workspace.slug, request.reference)}`,
    })
    // Reminders come in waves (many deadlines share a day): the bulk queue keeps them from
    // holding back sign-in codes.
    for (const recipient of recipients) await queueEmail(tx, request.workspaceId, { to: recipient.email, ...withPreferencesLink(mail) }, { bulk: true })
    return recipients.length
  })
}

/** Every privacy-request reminder due at `now`; one request failing does not stop the others. */
export async function remindRequestDeadlines(now = new Date()): Promise<{ requests: number; emails: number; failed: number }> {
  const due = (await candidates(now)).filter(
    (row) =>
      stepToSend(requestReminderSteps({ dueAt: row.due_at, timeZone: row.time_zone, reminderDays: row.reminder_days, sent: row.sent }), {
        startedAt: row.received_at,
        now,
        sent: row.sent,
      }) !== null,
  )
  let emails = 0
  let failed = 0
  for (const row of due) {
    try {
      emails += await remindRequest({ workspaceId: row.workspace_id, actor }, row.id, now)
    } catch (error) {
      failed++
      log('error', 'a deadline reminder failed; the next run tries again', { requestId: row.id, ...errorFields(error) })
    }
  }
  return { requests: due.length, emails, failed }
}
