// dsar.remind for vulnerability reports: the members who get `vulnerability_report` e-mails are
// reminded of an unanswered report's acknowledgement deadline and of an open report's
// disclosure date (deadline-reminders.ts says when). Found across workspaces in one query, then
// each report in its own transaction that locks it, claims each step (reminder_sent) and queues
// the e-mails, as for privacy requests.
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { claimReminder } from '~/modules/notifications/reminders.server'
import { stepToSend } from '~/modules/notifications/reminder-steps'
import { errorFields, log } from '~/modules/observability/log.server'
import { ACKNOWLEDGEMENT_DUE_SOON_MS, DISCLOSURE_DUE_SOON_MS, type ReportClock } from './deadlines'
import { overdueStep, reportReminderMail, reportReminderSteps, runningClocks } from './deadline-reminders'
import { CLOSED_REPORT_STATES } from './report-form'

const REPORT_SUBJECT = 'vulnerability_report'

const actor = { type: 'system', reason: 'dsar.remind' } as const

// Constants, not input.
const CLOSED = CLOSED_REPORT_STATES.map((state) => `'${state}'`).join(', ')

type SentStep = { deadline: Date; step: string }
type Candidate = ReportClock & { id: string; workspace_id: string; receivedAt: Date; sent: SentStep[] }

/** Open reports with a clock near its deadline, or past it without the overdue e-mail sent. */
async function candidates(now: Date): Promise<Candidate[]> {
  const { rows } = await ownerPool().query<Candidate>(
    `SELECT v.id, v.workspace_id, v.state::text AS state, v.received_at AS "receivedAt",
            v.acknowledge_by AS "acknowledgeBy", v.disclosure_due_at AS "disclosureDueAt",
            COALESCE((SELECT json_agg(json_build_object('deadline', s.deadline, 'step', s.step)) FROM reminder_sent s
                       WHERE s.subject_type = $2 AND s.subject_id = v.id), '[]') AS sent
       FROM vulnerability_report v JOIN workspace w ON w.id = v.workspace_id
      WHERE v.state NOT IN (${CLOSED}) AND w.deleted_at IS NULL
        AND ((v.state = 'received' AND v.acknowledge_by <= $1::timestamptz + make_interval(secs => $3)
              AND NOT EXISTS (SELECT 1 FROM reminder_sent s WHERE s.subject_type = $2 AND s.subject_id = v.id
                                AND s.deadline = v.acknowledge_by AND s.step = $5))
          OR (v.disclosure_due_at <= $1::timestamptz + make_interval(secs => $4)
              AND NOT EXISTS (SELECT 1 FROM reminder_sent s WHERE s.subject_type = $2 AND s.subject_id = v.id
                                AND s.deadline = v.disclosure_due_at AND s.step = $6)))
      ORDER BY v.id`,
    [now, REPORT_SUBJECT, ACKNOWLEDGEMENT_DUE_SOON_MS / 1000, DISCLOSURE_DUE_SOON_MS / 1000, overdueStep('acknowledge'), overdueStep('disclosure')],
  )
  return rows.map((row) => ({ ...row, sent: row.sent.map((sent) => ({ ...sent, deadline: new Date(sent.deadline) })) }))
}

/** The step of each running clock to send at `now`, given the steps already sent for the report. */
function dueSteps(report: ReportClock & { receivedAt: Date }, sent: readonly SentStep[], now: Date) {
  return runningClocks(report, now).flatMap(({ clock, due }) => {
    const sentForDue = sent.filter((row) => row.deadline.getTime() === due.getTime()).map((row) => row.step)
    const step = stepToSend(reportReminderSteps(clock, due), { startedAt: report.receivedAt, now, sent: sentForDue })
    return step ? [{ clock, due, step }] : []
  })
}

/** Send the steps the report is due at `now`, each once; the number of e-mails queued. */
async function remindReport(ctx: TenantContext, reportId: string, now: Date): Promise<number> {
  return withTenant(ctx, async (tx) => {
    await tx.$queryRaw`SELECT id FROM vulnerability_report WHERE id = ${reportId}::uuid FOR UPDATE`
    const report = await tx.vulnerabilityReport.findUnique({
      where: { id: reportId },
      include: { workspace: { select: { name: true, slug: true, timeZone: true } } },
    })
    if (!report) return 0
    const sent = await tx.reminderSent.findMany({ where: { subjectType: REPORT_SUBJECT, subjectId: report.id }, select: { deadline: true, step: true } })
    const steps = dueSteps(report, sent, now)
    if (steps.length === 0) return 0
    const recipients = await membersToTell(tx, 'vulnerability_report')
    let emails = 0
    for (const { clock, due, step } of steps) {
      const key = { workspaceId: report.workspaceId, subjectType: REPORT_SUBJECT, subjectId: report.id, deadline: due, step }
      if (!(await claimReminder(tx, key, recipients.length))) continue
      const mail = reportReminderMail({
        clock,
        step,
        report,
        workspaceName: report.workspace.name,
        timeZone: report.workspace.timeZone,
        now,
        deskUrl: `${appOrigin()}/w/${report.workspace.slug}/security/${report.id}`,
      })
      for (const recipient of recipients) await queueEmail(tx, report.workspaceId, { to: recipient.email, ...withPreferencesLink(mail) }, { bulk: true })
      emails += recipients.length
    }
    return emails
  })
}

/** Every vulnerability-report reminder due at `now`; one report failing does not stop the others. */
export async function remindReportDeadlines(now = new Date()): Promise<{ reports: number; emails: number; failed: number }> {
  const due = (await candidates(now)).filter((report) => dueSteps(report, report.sent, now).length > 0)
  let emails = 0
  let failed = 0
  for (const report of due) {
    try {
      emails += await remindReport({ workspaceId: report.workspace_id, actor }, report.id, now)
    } catch (error) {
      failed++
      log('error', 'a security report reminder failed; the next run tries again', { reportId: report.id, ...errorFields(error) })
    }
  }
  return { reports: due.length, emails, failed }
}
