// The incident pages' forms, read and dispatched: each form is one `intent`, parsed by its zod
// schema (forms.ts) and handed to its step (workflow.server.ts). A refusal comes back as the
// form's values with a message beside each field, never as a half-written change.
import type { z } from 'zod'
import type { Member } from '~/modules/auth/member.server'
import type { StaffOrigin } from '~/modules/disclosure/workflow.server'
import {
  assessmentForm,
  authorityForm,
  authorityUpdateForm,
  closeForm,
  controllersForm,
  factsForm,
  fieldErrors,
  notReportableForm,
  noteForm,
  subjectsForm,
} from './forms'
import {
  IncidentRuleError,
  addAuthorityUpdate,
  addIncidentNote,
  changeAssessment,
  changeFacts,
  closeIncident,
  decideSubjects,
  markNotReportable,
  notifyAuthority,
  recordControllersTold,
  recordIncident,
  type Saved,
} from './workflow.server'

export const INTENTS = ['facts', 'assessment', 'authority', 'authority_update', 'not_reportable', 'subjects', 'controllers', 'note', 'close'] as const
export type Intent = (typeof INTENTS)[number]

export type FormValues = Record<string, string | string[]>
export type FormRefusal = { intent: string; error?: string; fieldErrors: Record<string, string>; values: FormValues }
/** What the incident page confirms once a form is saved. */
export type FormSaved = { saved: string }

/** "Saved: changed the facts. 2 other members who get incident updates were e-mailed." */
export function savedMessage({ what, emailed }: Saved): string {
  const mailed = emailed === 0 ? '' : ` ${emailed} other ${emailed === 1 ? 'member who gets' : 'members who get'} incident updates ${emailed === 1 ? 'was' : 'were'} e-mailed.`
  return `Saved: ${what}.${mailed}`
}

/** The form's fields as one object; the breach types (checkboxes) as a list. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {}
  for (const [name, value] of form) if (name !== 'breachTypes') values[name] = String(value)
  values.breachTypes = form.getAll('breachTypes').map(String)
  return values
}

function refused(intent: string, values: FormValues, error: z.ZodError | IncidentRuleError): FormRefusal {
  if (error instanceof IncidentRuleError) {
    return { intent, values, fieldErrors: error.field ? { [error.field]: error.message } : {}, error: error.field ? undefined : error.message }
  }
  return { intent, values, fieldErrors: fieldErrors(error), error: 'Some fields need another look: see the messages beside them.' }
}

/** Record a new incident from the "Record an incident" form. */
export async function recordFromForm(member: Member, form: FormData, origin: StaffOrigin): Promise<{ id: string } | FormRefusal> {
  const values = formValues(form)
  const now = new Date()
  const facts = factsForm(now).safeParse(values)
  if (!facts.success) return refused('record', values, facts.error)
  const assessment = assessmentForm.safeParse(values)
  if (!assessment.success) return refused('record', values, assessment.error)
  try {
    return await recordIncident(member, { facts: facts.data, assessment: assessment.data }, origin)
  } catch (error) {
    if (error instanceof IncidentRuleError) return refused('record', values, error)
    throw error
  }
}

/** Run one of the incident page's forms: what was saved, or the refusal. */
export async function incidentAction(member: Member, incidentId: string, form: FormData, origin: StaffOrigin): Promise<FormRefusal | FormSaved> {
  const values = formValues(form)
  const intent = String(values.intent ?? '')
  if (!(INTENTS as readonly string[]).includes(intent)) {
    return { intent, values, fieldErrors: {}, error: 'Choose what to do with the incident from the page.' }
  }
  const now = new Date()
  const run = async <T>(schema: z.ZodType<T, unknown>, step: (input: T) => Promise<Saved>): Promise<FormRefusal | FormSaved> => {
    const parsed = schema.safeParse(values)
    if (!parsed.success) return refused(intent, values, parsed.error)
    try {
      return { saved: savedMessage(await step(parsed.data)) }
    } catch (error) {
      if (error instanceof IncidentRuleError) return refused(intent, values, error)
      throw error
    }
  }
  switch (intent as Intent) {
    case 'facts':
      return run(factsForm(now), (facts) => changeFacts(member, incidentId, facts, origin))
    case 'assessment':
      return run(assessmentForm, (assessment) => changeAssessment(member, incidentId, assessment, origin))
    case 'authority':
      return run(authorityForm(now), (notification) => notifyAuthority(member, incidentId, notification, origin))
    case 'authority_update':
      return run(authorityUpdateForm(now), (update) => addAuthorityUpdate(member, incidentId, update, origin))
    case 'not_reportable':
      return run(notReportableForm, (form) => markNotReportable(member, incidentId, form.notReportableReason, origin))
    case 'subjects':
      return run(subjectsForm(now), (decision) => decideSubjects(member, incidentId, decision, origin))
    case 'controllers':
      return run(controllersForm(now), (told) => recordControllersTold(member, incidentId, told, origin))
    case 'note':
      return run(noteForm, (form) => addIncidentNote(member, incidentId, form.note, origin))
    case 'close':
      return run(closeForm, (form) => closeIncident(member, incidentId, form.lessonsLearned, origin))
  }
}
