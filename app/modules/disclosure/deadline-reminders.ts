// The reminders of a vulnerability report's two clocks (dsar.remind), and their e-mail. Each
// reminder opens when the inbox's badge turns to "due soon" for that clock (12 hours before the
// acknowledgement is due, 14 days before the disclosure date), the disclosure clock has a last
// call 2 days before, and each clock has one e-mail once its deadline passes. The e-mail names
// the reference, the state and the dates, never the reporter or the report's content. Pure.
import type { ReminderStep } from '~/modules/notifications/reminder-steps'
import { ACKNOWLEDGEMENT_DUE_SOON_MS, DISCLOSURE_DUE_SOON_MS, describeDeadline, reportTimers, type ReportClock } from './deadlines'
import { REPORT_STATES } from './report-form'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const DISCLOSURE_LAST_CALL_MS = 2 * DAY_MS

export type ReportClockName = 'acknowledge' | 'disclosure'

const OVERDUE: Record<ReportClockName, string> = { acknowledge: 'acknowledge_overdue', disclosure: 'disclosure_overdue' }
export const overdueStep = (clock: ReportClockName) => OVERDUE[clock]

const dueIn = (clock: ReportClockName, due: Date, ms: number, unit: 'hours' | 'days'): ReminderStep => ({
  step: `${clock}_due_in_${ms / (unit === 'hours' ? HOUR_MS : DAY_MS)}_${unit}`,
  opensAt: new Date(due.getTime() - ms),
})

/** The steps of one clock of a report whose deadline is `due`. */
export function reportReminderSteps(clock: ReportClockName, due: Date): ReminderStep[] {
  const ahead =
    clock === 'acknowledge'
      ? [dueIn(clock, due, ACKNOWLEDGEMENT_DUE_SOON_MS, 'hours')]
      : [dueIn(clock, due, DISCLOSURE_DUE_SOON_MS, 'days'), dueIn(clock, due, DISCLOSURE_LAST_CALL_MS, 'days')]
  return [...ahead, { step: OVERDUE[clock], opensAt: due }]
}

/** The clocks that run for a report now: the acknowledgement until answered, the disclosure until closed. */
export function runningClocks(report: ReportClock, now: Date): { clock: ReportClockName; due: Date }[] {
  const timers = reportTimers(report, now)
  return [
    ...(timers.acknowledgement ? [{ clock: 'acknowledge' as const, due: report.acknowledgeBy }] : []),
    ...(timers.disclosure ? [{ clock: 'disclosure' as const, due: report.disclosureDueAt }] : []),
  ]
}

export type ReportReminderInput = {
  clock: ReportClockName
  step: string
  report: ReportClock & { reference: string }
  workspaceName: string
  timeZone: string
  now: Date
  deskUrl: string
}

export function reportReminderMail({ clock, step, report, workspaceName, timeZone, now, deskUrl }: ReportReminderInput): {
  subject: string
  text: string
} {
  const overdue = step === OVERDUE[clock]
  const timers = reportTimers(report, now)
  const label = (clock === 'acknowledge' ? timers.acknowledgement : timers.disclosure)!.label.toLowerCase()
  const due = describeDeadline(clock === 'acknowledge' ? report.acknowledgeBy : report.disclosureDueAt, timeZone)
  const { reference } = report
  const [subject, opening] =
    clock === 'acknowledge'
      ? overdue
        ? [`security report ${reference} is not acknowledged and overdue`, `Security report ${reference} was to be acknowledged by ${due}, as the disclosure policy promises: it is ${label} and still not acknowledged.`]
        : [`acknowledge security report ${reference} soon`, `Security report ${reference} is not acknowledged yet. The disclosure policy promises an acknowledgement by ${due}: ${label}.`]
      : overdue
        ? [`the disclosure date of security report ${reference} has passed`, `The reporter of security report ${reference} may disclose it since ${due}, and the report is still open.`]
        : [`security report ${reference} may be disclosed soon`, `The reporter of security report ${reference} may disclose it from ${due} (${label}), and the report is still open.`]
  return {
    subject: `${workspaceName}: ${subject}`,
    text: [
      opening,
      '',
      `Workspace: ${workspaceName}`,
      `Reference: ${reference}`,
      `State: ${REPORT_STATES[report.state]}`,
      '',
      `Open it in the dashboard (you may need to sign in): ${deskUrl}`,
      'The report itself is shown there, not in e-mails.',
      '',
      'You receive this because your role handles this workspace’s security reports.',
    ].join('\n'),
  }
}
