// What a person may type into the incident register, checked once at the edge (zod). Times are
// entered and shown in UTC (the form says so), minutes only: a breach's clock is counted in
// hours, and one time zone for everyone who reads the register avoids a misread deadline.
import { z } from 'zod'
import { isOneLine } from '~/modules/formats/one-line'

export const SEVERITIES = {
  S0: 'S0 — critical',
  S1: 'S1 — major',
  S2: 'S2 — moderate',
  S3: 'S3 — minor',
} as const
export type Severity = keyof typeof SEVERITIES
export const SEVERITY_KEYS = Object.keys(SEVERITIES) as [Severity, ...Severity[]]

export const BREACH_TYPES = {
  confidentiality: 'Confidentiality (disclosed to or accessed by someone who should not have)',
  integrity: 'Integrity (altered without authorisation)',
  availability: 'Availability (lost or destroyed, even for a time)',
} as const
export type BreachType = keyof typeof BREACH_TYPES
export const BREACH_TYPE_KEYS = Object.keys(BREACH_TYPES) as [BreachType, ...BreachType[]]

export const RISKS = {
  unlikely: 'Unlikely to result in a risk to people’s rights and freedoms',
  risk: 'A risk to people’s rights and freedoms',
  high_risk: 'A high risk to people’s rights and freedoms',
} as const
export type Risk = keyof typeof RISKS
export const RISK_KEYS = Object.keys(RISKS) as [Risk, ...Risk[]]

/** The decision on telling the people affected (Art. 34), with the exemptions of Art. 34(3). */
export const SUBJECT_DECISIONS = {
  undecided: 'Not decided yet',
  told: 'The people affected were told',
  not_required: 'Not required: the breach is not likely to result in a high risk',
  exempt_encrypted: 'Exempt, Art. 34(3)(a): the data was unintelligible to anyone not authorised (e.g. encrypted)',
  exempt_measures: 'Exempt, Art. 34(3)(b): measures taken since make the high risk no longer likely',
  exempt_public: 'Exempt, Art. 34(3)(c): telling each person would take disproportionate effort; a public communication instead',
} as const
export type SubjectDecision = keyof typeof SUBJECT_DECISIONS
export const SUBJECT_DECISION_KEYS = Object.keys(SUBJECT_DECISIONS) as [SubjectDecision, ...SubjectDecision[]]

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** A "YYYY-MM-DDTHH:MM" (UTC) that is a real moment, or null for an empty field. */
export function parseUtcDateTime(value: string): Date | null | 'invalid' {
  if (value === '') return null
  const match = DATETIME.exec(value)
  if (!match) return 'invalid'
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi))
  const real = at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d && h < 24 && mi < 60
  return real && y >= 1970 ? at : 'invalid'
}

/** The form value of a moment: "YYYY-MM-DDTHH:MM" in UTC. */
export const toFormDateTime = (at: Date | null): string => (at ? at.toISOString().slice(0, 16) : '')

function moment(what: string, { required }: { required: boolean }) {
  return z
    .string()
    .trim()
    .max(20, `Enter ${what} as a date and time, for example 2026-12-01 14:30 (UTC).`)
    .default('')
    .transform((value, ctx) => {
      const at = parseUtcDateTime(value)
      if (at === 'invalid' || (required && at === null)) {
        ctx.addIssue({
          code: 'custom',
          message: at === null ? `Enter ${what} (UTC).` : `Enter ${what} as a date and time, for example 2026-12-01 14:30 (UTC).`,
        })
        return z.NEVER
      }
      return at
    })
}

const text = (max: number, what: string) => z.string().trim().max(max, `Keep ${what} under ${max.toLocaleString('en')} characters.`).default('')
const required = (max: number, what: string, empty: string) => text(max, what).pipe(z.string().min(1, empty))

/** A whole number of people or records, or empty for "not known yet". */
function count(what: string) {
  return z
    .string()
    .trim()
    .max(20, `Enter the number of ${what} as a whole number, for example 1200.`)
    .default('')
    .transform((value, ctx) => {
      if (value === '') return null
      const digits = value.replaceAll(/[,\s]/g, '')
      if (!/^\d+$/.test(digits) || Number(digits) > 2_000_000_000) {
        ctx.addIssue({ code: 'custom', message: `Enter the number of ${what} as a whole number from 0 to 2,000,000,000, or leave it empty if not known.` })
        return z.NEVER
      }
      return Number(digits)
    })
}

/** The facts of Art. 33(5): recorded when the incident is, and changed on its page. */
export function factsForm(now: Date) {
  return z
    .object({
      title: required(200, 'the title', 'Give the incident a short title.').refine(isOneLine, 'Keep the title on one line.'),
      severity: z.enum(SEVERITY_KEYS, 'Choose a severity from S0 to S3.'),
      ownerUserId: z.string().trim().max(40, 'Choose the owner from the workspace’s members.').default(''),
      occurredFrom: moment('when it began', { required: false }),
      occurredTo: moment('when it ended', { required: false }),
      detectedAt: moment('when it was detected', { required: true }),
      awareAt: moment('when you became aware of it', { required: true }),
      reportedBy: text(500, 'who reported it'),
      breachTypes: z.array(z.enum(BREACH_TYPE_KEYS, 'Choose the type from the list.')).min(1, 'Choose at least one type of breach.').max(3),
      cause: text(5000, 'the cause'),
      dataSystems: text(2000, 'the data systems'),
      dataCategories: text(2000, 'the categories of data'),
      specialCategories: z.enum(['', 'on']).default('').transform((value) => value === 'on'),
      peopleAffected: count('people affected'),
      recordsAffected: count('records affected'),
      locations: text(1000, 'where they live'),
      consequences: text(5000, 'the likely consequences'),
    })
    .superRefine((facts, ctx) => {
      const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      const future = (at: Date | null) => at !== null && at > now
      if (future(facts.occurredFrom)) refuse('occurredFrom', 'It cannot have begun in the future.')
      if (future(facts.occurredTo)) refuse('occurredTo', 'It cannot have ended in the future; leave the end empty while it goes on.')
      if (future(facts.detectedAt)) refuse('detectedAt', 'Detection cannot be in the future.')
      if (future(facts.awareAt)) refuse('awareAt', 'Awareness cannot be in the future: the 72-hour clock starts when you became aware.')
      if (facts.occurredTo && !facts.occurredFrom) refuse('occurredFrom', 'Enter when it began as well as when it ended.')
      if (facts.occurredFrom && facts.occurredTo && facts.occurredTo < facts.occurredFrom) refuse('occurredTo', 'It cannot have ended before it began.')
      if (facts.occurredFrom && facts.detectedAt && facts.detectedAt < facts.occurredFrom) refuse('detectedAt', 'It cannot have been detected before it began.')
      if (facts.occurredFrom && facts.awareAt && facts.awareAt < facts.occurredFrom) refuse('awareAt', 'You cannot have become aware of it before it began.')
      if (facts.detectedAt && facts.awareAt && facts.awareAt < facts.detectedAt) refuse('awareAt', 'Awareness cannot come before detection.')
    })
}
export type Facts = z.output<ReturnType<typeof factsForm>>

export const assessmentForm = z.object({
  risk: z.enum(['', ...RISK_KEYS], 'Choose a risk level from the list.').default('').transform((value) => (value === '' ? null : value)),
  riskReasoning: text(5000, 'the reasoning'),
  measuresTaken: text(5000, 'the measures taken'),
  measuresPlanned: text(5000, 'the measures planned'),
})
export type Assessment = z.output<typeof assessmentForm>

/** The notification to the supervisory authority; checked against the incident's awareness by the module. */
export function authorityForm(now: Date) {
  return z
    .object({
      authorityName: required(200, 'the authority’s name', 'Name the supervisory authority notified.').refine(isOneLine, 'Keep the name on one line.'),
      authorityNotifiedAt: moment('when the authority was notified', { required: true }),
      authorityReference: text(200, 'the reference'),
      delayReason: text(5000, 'the reason for the delay'),
    })
    .refine((form) => !form.authorityNotifiedAt || form.authorityNotifiedAt <= now, {
      path: ['authorityNotifiedAt'],
      message: 'The notification cannot be in the future: record it once it is sent.',
    })
}
export type AuthorityNotification = z.output<ReturnType<typeof authorityForm>>

export function authorityUpdateForm(now: Date) {
  return z
    .object({
      updateAt: moment('when the update was sent', { required: true }),
      updateBody: required(10_000, 'the update', 'Say what the update told the authority.'),
    })
    .refine((form) => !form.updateAt || form.updateAt <= now, { path: ['updateAt'], message: 'The update cannot be in the future.' })
}

export const notReportableForm = z.object({
  notReportableReason: required(5000, 'the reason', 'Give the reason the breach is not reportable (why it is unlikely to result in a risk).'),
})

export function subjectsForm(now: Date) {
  return z
    .object({
      subjectsDecision: z.enum(SUBJECT_DECISION_KEYS, 'Choose a decision from the list.'),
      subjectsToldAt: moment('when they were told', { required: false }),
      subjectsHow: text(5000, 'the description'),
    })
    .superRefine((form, ctx) => {
      if (form.subjectsDecision === 'told' && !form.subjectsToldAt) ctx.addIssue({ code: 'custom', path: ['subjectsToldAt'], message: 'Enter when the people affected were told (UTC).' })
      if (form.subjectsToldAt && form.subjectsToldAt > now) ctx.addIssue({ code: 'custom', path: ['subjectsToldAt'], message: 'They cannot have been told in the future.' })
      if ((form.subjectsDecision === 'told' || form.subjectsDecision === 'exempt_public') && !form.subjectsHow) {
        ctx.addIssue({ code: 'custom', path: ['subjectsHow'], message: form.subjectsDecision === 'told' ? 'Say how they were told (e-mail, letter, …).' : 'Describe the public communication (where, when).' })
      }
    })
    .transform((form) => ({ ...form, subjectsToldAt: form.subjectsDecision === 'told' ? form.subjectsToldAt : null }))
}

export function controllersForm(now: Date) {
  return z
    .object({
      controllersTold: required(5000, 'the list', 'Name the controllers or customers told.'),
      controllersToldAt: moment('when they were told', { required: true }),
    })
    .refine((form) => !form.controllersToldAt || form.controllersToldAt <= now, { path: ['controllersToldAt'], message: 'They cannot have been told in the future.' })
}

export const noteForm = z.object({ note: required(10_000, 'the note', 'Write the note first.') })

export const closeForm = z.object({ lessonsLearned: required(10_000, 'the lessons learned', 'Write the lessons learned before closing the incident.') })

/** The fields of a zod error, first message each, for the form to show beside them. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return errors
}
