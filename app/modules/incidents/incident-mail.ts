// The e-mails members get about an incident: a change someone else made (incident_update), and
// the 72-hour clock's reminders (incident_clock). Pure. They name the incident by reference and
// title, say what happened and where the clock stands at the moment of writing, and link to the
// register; the facts stay on the page, behind sign-in.
import { type ClockState, durationLabel } from './clock'
import { SEVERITIES, type Severity } from './forms'

type IncidentLine = { workspaceName: string; reference: string; title: string; severity: string; url: string }

const utc = (at: Date) => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`

/** Where the clock stands, in one sentence; `asOf` says when that was ("when this e-mail was written"). */
export function clockSentence(clock: ClockState, asOf = 'when this e-mail was written'): string {
  switch (clock.state) {
    case 'running':
      return `The 72 hours to notify the supervisory authority end at ${utc(clock.dueAt)}: ${durationLabel(clock.msLeft)} left ${asOf}.`
    case 'overdue':
      return `The 72 hours to notify the supervisory authority ended at ${utc(clock.dueAt)}, and no notification or "not reportable" decision is recorded. A late notification must give the reasons for the delay.`
    case 'notified_in_time':
      return `The supervisory authority was notified at ${utc(clock.notifiedAt)}, within the 72 hours.`
    case 'notified_late':
      return `The supervisory authority was notified at ${utc(clock.notifiedAt)}, after the 72 hours; the reason for the delay is recorded.`
    case 'not_reportable':
      return 'The breach is recorded as not reportable to the supervisory authority, with the reason.'
  }
}

const severityOf = (severity: string) => SEVERITIES[severity as Severity] ?? severity

export function incidentUpdateMail(input: IncidentLine & { what: string; actor: string; clock: ClockState }) {
  return {
    subject: `${input.workspaceName}: incident ${input.reference} — ${input.what}`,
    text: [
      `${input.actor} ${input.what}: incident ${input.reference}, “${input.title}” (${severityOf(input.severity)}).`,
      '',
      clockSentence(input.clock),
      '',
      `Open the incident: ${input.url}`,
      '',
      'You receive this because you get incident updates for this workspace.',
    ].join('\n'),
  }
}

export function incidentReminderMail(input: IncidentLine & { hoursSinceAwareness: number; clock: ClockState }) {
  return {
    subject: `${input.workspaceName}: ${input.hoursSinceAwareness} hours since awareness of incident ${input.reference}`,
    text: [
      `Incident ${input.reference}, “${input.title}” (${severityOf(input.severity)}): ${input.hoursSinceAwareness} hours have passed since the company became aware of it.`,
      '',
      clockSentence(input.clock),
      'Record the notification to the authority, or that the breach is not reportable and why, and these reminders stop.',
      '',
      `Open the incident: ${input.url}`,
      '',
      'You receive this because you own the incident or are an owner or admin of the workspace; reminders of the 72-hour clock cannot be turned off.',
    ].join('\n'),
  }
}
