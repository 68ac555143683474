// The e-mail that tells a workspace's owners and admins about a serious incident of the Candor
// service (S0, S1), and each update of one. It says what the operators posted and when, the
// incident's state as of that post, and where its state now is shown; nothing about other
// customers. Pure.
import type { ComposedMail } from '~/modules/trust/subprocessor-mail'
import { utcInstant } from '~/modules/formats/utc-instant'
import { type IncidentStatus, type Severity, SEVERITY_LABELS, STATUS_LABELS } from './incident-input'

export type IncidentMailInput = {
  kind: 'declared' | 'update'
  workspaceName: string
  title: string
  severity: Severity
  status: IncidentStatus
  startedAt: Date
  resolvedAt: Date | null
  message: string
  postedAt: Date
  dashboardUrl: string
}

export function platformIncidentMail(input: IncidentMailInput): ComposedMail {
  const resolved = input.status === 'resolved'
  const what = input.kind === 'declared' ? 'incident' : resolved ? 'incident resolved' : 'incident update'
  return {
    subject: `[${input.severity}] Candor ${what}: ${input.title}`,
    text: [
      input.kind === 'declared'
        ? `Candor, the service ${input.workspaceName} runs on, has an incident that affects this workspace.`
        : `An update on the incident of the Candor service that affects ${input.workspaceName}.`,
      '',
      `Incident: ${input.title}`,
      `Severity: ${SEVERITY_LABELS[input.severity]}`,
      `Status when this was posted: ${STATUS_LABELS[input.status]}`,
      `Started: ${utcInstant(input.startedAt)}`,
      ...(input.resolvedAt ? [`Resolved: ${utcInstant(input.resolvedAt)}`] : []),
      '',
      `Posted by Candor's operators at ${utcInstant(input.postedAt)}:`,
      input.message,
      '',
      `The incident's current state is shown on your workspace's dashboard (you may need to sign in): ${input.dashboardUrl}`,
      '',
      `You receive this because you are an owner or admin of ${input.workspaceName}. Every owner and admin gets the e-mails about serious (S0, S1) incidents of the service and each of their updates; they cannot be turned off.`,
    ].join('\n'),
  }
}
