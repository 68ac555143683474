// What the workspace's security staff do with a vulnerability report: acknowledge it, move it
// through its states, agree a disclosure date, keep notes. Each step locks the report and
// writes its timeline event, its e-mail to the reporter (when the reporter is told) and its
// audit entry in one transaction. A step the rules refuse throws ReportRuleError, whose message
// is shown as is.
import type { VulnerabilityReport } from '~/generated/prisma/client'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { addDays, describeDeadline, endOfLocalDay, localDate } from './deadlines'
import { CLOSED_REPORT_STATES, REPORT_STATES, type ReportState, STATE_MEANINGS } from './report-form'
import { disclosurePaths } from './security-txt'
import { isUuid } from '~/modules/formats/uuid'

export class ReportRuleError extends Error {}

/** Where the request came from, and the origin links in e-mails point to. */
export type StaffOrigin = RequestOrigin & { appOrigin: string }

type Loaded = VulnerabilityReport & { workspace: { name: string; slug: string; timeZone: string } }

export const DEFAULT_ACKNOWLEDGEMENT =
  'Thank you for your report. We have received it and are looking into it, and we will keep you informed of our progress.'

async function openReport(tx: Tx, reportId: string): Promise<Loaded> {
  // Row lock: two members acting at once take turns, and each sees the other's change.
  await tx.$queryRaw`SELECT id FROM vulnerability_report WHERE id = ${reportId}::uuid FOR UPDATE`
  const report = await tx.vulnerabilityReport.findUnique({
    where: { id: reportId },
    include: { workspace: { select: { name: true, slug: true, timeZone: true } } },
  })
  if (!report) throw new ReportRuleError('There is no such report in this workspace.')
  return report
}

function assertOpen(report: Loaded) {
  if (CLOSED_REPORT_STATES.includes(report.state)) {
    throw new ReportRuleError(`This report is ${REPORT_STATES[report.state].toLowerCase()}: it is closed, nothing more can change.`)
  }
}

/** Run `step` on the report as `member`, in one transaction. */
function act<T>(member: Member, reportId: string, step: (tx: Tx, report: Loaded) => Promise<T>): Promise<T> {
  if (!isUuid(reportId)) throw new ReportRuleError('There is no such report in this workspace.')
  return withTenant(member.tenant, async (tx) => step(tx, await openReport(tx, reportId)))
}

const target = (report: { id: string }) => ({ type: 'vulnerability_report', id: report.id })
const scope = (member: Member, origin: StaffOrigin) => ({ ...member.tenant, origin: { ip: origin.ip, userAgent: origin.userAgent } })

/** E-mail the reporter `body`, with the report's state and disclosure date under it. */
async function tellReporter(tx: Tx, report: Loaded, what: string, body: string, origin: StaffOrigin) {
  const state = report.state as Exclude<ReportState, 'received'>
  await queueEmail(tx, report.workspaceId, {
    to: report.reporterEmail,
    subject: `${report.workspace.name}: ${what} (${report.reference})`,
    text: [
      body,
      '',
      `Status: ${REPORT_STATES[report.state]}. ${STATE_MEANINGS[state] ?? ''}`.trim(),
      CLOSED_REPORT_STATES.includes(report.state)
        ? null
        : `Disclosure date: ${describeDeadline(report.disclosureDueAt, report.workspace.timeZone)}.`,
      '',
      `Reference: ${report.reference}. Our policy: ${origin.appOrigin}${disclosurePaths(report.workspace.slug).policy}`,
    ]
      .filter((line) => line !== null)
      .join('\n'),
  }, { branded: true })
}

/** Tell the reporter the report was received and is being looked at (the first answer). */
export async function acknowledgeReport(member: Member, reportId: string, message: string, origin: StaffOrigin) {
  await act(member, reportId, async (tx, report) => {
    if (report.state !== 'received') throw new ReportRuleError('This report was already acknowledged.')
    const body = message.trim() || DEFAULT_ACKNOWLEDGEMENT
    const updated = await tx.vulnerabilityReport.update({
      where: { id: report.id },
      data: { state: 'acknowledged', acknowledgedAt: new Date() },
    })
    await tx.vulnerabilityReportEvent.create({
      data: { workspaceId: report.workspaceId, reportId: report.id, kind: 'acknowledged', actorUserId: member.user.id, emailed: true, body },
    })
    await tellReporter(tx, { ...report, ...updated }, 'we acknowledge your security report', body, origin)
    await recordAudit(tx, scope(member, origin), {
      action: 'vulnerability_report.acknowledge',
      target: target(report),
      before: { state: report.state, acknowledgedAt: null },
      after: { state: updated.state, acknowledgedAt: updated.acknowledgedAt },
    })
  })
}

/**
 * Move the report to another state, with a message the reporter is e-mailed. Any answer
 * acknowledges; "fixed" records when; "disclosed" and "rejected" close the report.
 */
export async function changeReportState(
  member: Member,
  reportId: string,
  input: { state: Exclude<ReportState, 'received'>; message: string },
  origin: StaffOrigin,
) {
  await act(member, reportId, async (tx, report) => {
    assertOpen(report)
    if (report.state === input.state) throw new ReportRuleError(`This report is already ${REPORT_STATES[input.state].toLowerCase()}.`)
    const now = new Date()
    const updated = await tx.vulnerabilityReport.update({
      where: { id: report.id },
      data: {
        state: input.state,
        acknowledgedAt: report.acknowledgedAt ?? now,
        fixedAt: input.state === 'fixed' ? now : report.fixedAt,
        closedAt: CLOSED_REPORT_STATES.includes(input.state) ? now : null,
      },
    })
    await tx.vulnerabilityReportEvent.create({
      data: {
        workspaceId: report.workspaceId,
        reportId: report.id,
        kind: `state_${input.state}`,
        actorUserId: member.user.id,
        emailed: true,
        body: input.message,
      },
    })
    await tellReporter(
      tx,
      { ...report, ...updated },
      `your security report is now ${REPORT_STATES[input.state].toLowerCase()}`,
      input.message,
      origin,
    )
    await recordAudit(tx, scope(member, origin), {
      action: 'vulnerability_report.state_change',
      target: target(report),
      before: { state: report.state, acknowledgedAt: report.acknowledgedAt, fixedAt: report.fixedAt, closedAt: report.closedAt },
      after: { state: updated.state, acknowledgedAt: updated.acknowledgedAt, fixedAt: updated.fixedAt, closedAt: updated.closedAt },
    })
  })
}

/**
 * Agree another disclosure date with the reporter (a YYYY-MM-DD date in the workspace's time
 * zone: the reporter may disclose once it has ended). The reporter is e-mailed the new date.
 */
/** The furthest disclosure date staff may set, in days from today. */
const LATEST_DISCLOSURE_DAYS = 3 * 365

export async function setDisclosureDate(
  member: Member,
  reportId: string,
  input: { date: string; message: string },
  origin: StaffOrigin,
) {
  await act(member, reportId, async (tx, report) => {
    assertOpen(report)
    const { timeZone } = report.workspace
    // Coordinated disclosure is counted in weeks or months; a date years away is a typing slip.
    if (input.date > addDays(localDate(new Date(), timeZone), LATEST_DISCLOSURE_DAYS)) {
      throw new ReportRuleError('Choose a disclosure date within three years from today.')
    }
    const disclosureDueAt = endOfLocalDay(input.date, timeZone)
    if (disclosureDueAt.getTime() <= Date.now()) throw new ReportRuleError('Choose a disclosure date from today on.')
    if (disclosureDueAt.getTime() === report.disclosureDueAt.getTime()) {
      throw new ReportRuleError('That is already the disclosure date.')
    }
    const updated = await tx.vulnerabilityReport.update({ where: { id: report.id }, data: { disclosureDueAt } })
    const line = `The disclosure date is now ${describeDeadline(disclosureDueAt, timeZone)}.`
    const body = input.message.trim() ? `${line}\n\n${input.message.trim()}` : line
    await tx.vulnerabilityReportEvent.create({
      data: { workspaceId: report.workspaceId, reportId: report.id, kind: 'disclosure_date', actorUserId: member.user.id, emailed: true, body },
    })
    await queueEmail(tx, report.workspaceId, {
      to: report.reporterEmail,
      subject: `${report.workspace.name}: a new disclosure date for your security report (${report.reference})`,
      text: [body, '', `Reference: ${report.reference}. Our policy: ${origin.appOrigin}${disclosurePaths(report.workspace.slug).policy}`].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), {
      action: 'vulnerability_report.disclosure_date',
      target: target(report),
      before: { disclosureDueAt: report.disclosureDueAt },
      after: { disclosureDueAt: updated.disclosureDueAt },
    })
  })
}

/** A note for the workspace's staff only; the reporter is not told. */
export async function addReportNote(member: Member, reportId: string, body: string, origin: StaffOrigin) {
  await act(member, reportId, async (tx, report) => {
    await tx.vulnerabilityReportEvent.create({
      data: { workspaceId: report.workspaceId, reportId: report.id, kind: 'note', actorUserId: member.user.id, body },
    })
    await recordAudit(tx, scope(member, origin), { action: 'vulnerability_report.note', target: target(report) })
  })
}
