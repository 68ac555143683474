// Filing a vulnerability report on a workspace's public form: stored with its two deadlines,
// the reporter e-mailed the reference, the workspace's security contact and the members who get
// security reports told, and the audit entry written, all in one transaction. Rate limited per
// address and per e-mail.
import { randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type Actor, withPublicWorkspace } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { newReference } from '~/modules/formats/reference.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { type RateLimit, type Refusal, firstRefusal } from '~/modules/security/rate-limit.server'
import { acknowledgementDue, describeDeadline, disclosureDue } from './deadlines'
import { loadPolicy, workingCalendar } from './policy.server'
import { type ReportInput, SEVERITY_LABELS } from './report-form'
import { disclosurePaths } from './security-txt'

export const SUBMIT_LIMITS = {
  perIp: { name: 'disclosure.report.ip', limit: 10, windowSeconds: 60 * 60 },
  perEmail: { name: 'disclosure.report.email', limit: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateLimit>

/**
 * A reporter has no account, and the audit log has no actor kind for them: their filing is
 * the system's, for this reason (the entry's target names the report).
 */
export const REPORTER_ACTOR: Actor = { type: 'system', reason: 'vulnerability_reporter' }

export type SubmitResult =
  | { outcome: 'filed'; reference: string }
  | Refusal
  | { outcome: 'no_workspace' }

/**
 * File a report with the workspace at `slug`. `origin.appOrigin` is where links in the
 * e-mails point (the policy page, the dashboard).
 */
export async function submitReport(
  slug: string,
  input: ReportInput,
  origin: RequestOrigin & { appOrigin: string },
): Promise<SubmitResult> {
  const refusal = await firstRefusal([
    [SUBMIT_LIMITS.perIp, origin.ip ?? 'unknown', 'address'],
    [SUBMIT_LIMITS.perEmail, `${slug}:${input.reporterEmail}`, 'email'],
  ])
  if (refusal) return refusal
  const reference = await withPublicWorkspace(slug, async (tx, workspace) => {
    const [policy, calendar] = await Promise.all([loadPolicy(tx), workingCalendar(tx)])
    const receivedAt = new Date()
    const report = await tx.vulnerabilityReport.create({
      data: {
        id: randomUUID(),
        workspaceId: workspace.id,
        reference: newReference('V'),
        ...input,
        receivedAt,
        acknowledgeBy: acknowledgementDue(receivedAt, policy.acknowledgementTarget, calendar),
        disclosureDueAt: disclosureDue(receivedAt, policy.disclosureDeadlineDays),
      },
    })
    await tx.vulnerabilityReportEvent.create({
      data: { workspaceId: workspace.id, reportId: report.id, kind: 'received', body: 'Report filed on the public form.' },
    })
    const { timeZone } = calendar
    // Nothing the form's sender typed goes into this e-mail: an address someone else typed
    // in gets no text of theirs.
    await queueEmail(tx, workspace.id, {
      to: report.reporterEmail,
      subject: `${workspace.name}: we received your security report ${report.reference}`,
      text: [
        `Thank you for reporting a security problem to ${workspace.name}.`,
        '',
        `Reference: ${report.reference} (quote it in any message about this report)`,
        `We will acknowledge it by ${describeDeadline(report.acknowledgeBy, timeZone)}.`,
        `Under our policy you may disclose it from ${describeDeadline(report.disclosureDueAt, timeZone)}, unless we agree another date with you.`,
        '',
        `The policy, including our safe-harbour commitment: ${origin.appOrigin}${disclosurePaths(workspace.slug).policy}`,
        '',
        'If you did not send this report, you can ignore this e-mail.',
      ].join('\n'),
    }, { branded: true })
    // The team's notice names the workspace, the reference and the reporter's estimate (a choice
    // from a list), never the reporter's words: those are read in the dashboard after signing in.
    const notice = {
      subject: `New security report ${report.reference} (${SEVERITY_LABELS[input.severity]}) for ${workspace.name}`,
      text: [
        `A security report was filed on ${workspace.name}'s disclosure form.`,
        `The reporter's estimate: ${SEVERITY_LABELS[input.severity]}.`,
        `Acknowledge it by ${describeDeadline(report.acknowledgeBy, timeZone)}.`,
        '',
        `Read it in the dashboard: ${origin.appOrigin}/w/${workspace.slug}/security/${report.id}`,
      ].join('\n'),
    }
    const contact = policy.securityContactEmail
    if (contact) await queueEmail(tx, workspace.id, { to: contact, ...notice })
    // Members who get security reports, except one whose address is the contact's (told above).
    for (const member of await membersToTell(tx, 'vulnerability_report')) {
      if (member.email.toLowerCase() === contact?.toLowerCase()) continue
      await queueEmail(tx, workspace.id, { to: member.email, ...withPreferencesLink(notice) })
    }
    await recordAudit(tx, { workspaceId: workspace.id, actor: REPORTER_ACTOR, origin }, {
      action: 'vulnerability_report.submit',
      target: { type: 'vulnerability_report', id: report.id },
      after: {
        reference: report.reference,
        severity: report.severity,
        acknowledgeBy: report.acknowledgeBy,
        disclosureDueAt: report.disclosureDueAt,
      },
    })
    return report.reference
  })
  return reference === null ? { outcome: 'no_workspace' } : { outcome: 'filed', reference }
}
