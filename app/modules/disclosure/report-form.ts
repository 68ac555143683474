// The words of a vulnerability report and its public form, validated once here: what a
// researcher may file, in what sizes, and the states a report goes through.
import { z } from 'zod'

export const SEVERITIES = {
  critical: 'Critical — for example, remote code execution or access to every customer’s data',
  high: 'High — for example, access to another account’s data',
  medium: 'Medium — for example, a cross-site scripting flaw that needs a click',
  low: 'Low — little impact on its own',
  unsure: 'I am not sure',
} as const
export type Severity = keyof typeof SEVERITIES
export const SEVERITY_KEYS = Object.keys(SEVERITIES) as [Severity, ...Severity[]]

/** Short labels for the dashboard. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unsure: 'Not sure',
}

export const TIMELINES = {
  policy: 'When the policy’s disclosure date comes',
  '30_days': 'Within 30 days',
  '60_days': 'Within 60 days',
  '90_days': 'Within 90 days',
  longer: 'Later than 90 days is fine',
  no_public_disclosure: 'I do not plan to disclose it publicly',
} as const
export type Timeline = keyof typeof TIMELINES
export const TIMELINE_KEYS = Object.keys(TIMELINES) as [Timeline, ...Timeline[]]

export const REPORT_STATES = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  triaged: 'Triaged',
  fixed: 'Fixed',
  disclosed: 'Disclosed',
  rejected: 'Rejected',
} as const
export type ReportState = keyof typeof REPORT_STATES
export const REPORT_STATE_KEYS = Object.keys(REPORT_STATES) as [ReportState, ...ReportState[]]

/** A disclosed or rejected report is closed: nothing more happens to it. */
export const CLOSED_REPORT_STATES: readonly ReportState[] = ['disclosed', 'rejected']

/** What the reporter is told a state means, in the e-mail about it. */
export const STATE_MEANINGS: Record<Exclude<ReportState, 'received'>, string> = {
  acknowledged: 'We have your report and are looking at it.',
  triaged: 'We have confirmed the problem and are working on a fix.',
  fixed: 'We have fixed the problem.',
  disclosed: 'The problem and its fix are now public.',
  rejected: 'We will not act on this report.',
}

export const REPORT_LIMITS = {
  name: 200,
  surface: 500,
  steps: 20_000,
  impact: 5_000,
}

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong)

export const reportInput = z.object({
  reporterName: text(REPORT_LIMITS.name, 'Keep the name under 200 characters.')
    .optional()
    .transform((name) => name || null),
  reporterEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'That e-mail address is too long.')
    .pipe(z.email('Enter an e-mail address like name@example.com, so that we can answer you.')),
  affectedSurface: text(REPORT_LIMITS.surface, 'Keep this under 500 characters: the address or component is enough.').min(
    1,
    'Say what is affected: an address, an API endpoint or a component.',
  ),
  reproductionSteps: z
    .string()
    .transform((steps) => steps.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Describe the steps that show the problem.')
        .max(REPORT_LIMITS.steps, 'Keep the steps under 20,000 characters; we will ask for more if we need it.'),
    ),
  severity: z.enum(SEVERITY_KEYS, 'Choose how serious you think it is (or "I am not sure").'),
  impact: text(REPORT_LIMITS.impact, 'Keep the impact under 5,000 characters.').default(''),
  preferredTimeline: z.enum(TIMELINE_KEYS, 'Choose when you would like to disclose it.'),
})

export type ReportInput = z.output<typeof reportInput>
