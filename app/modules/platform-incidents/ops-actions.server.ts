// What an operator can do on the platform incident pages, one `intent` each: declare (on
// /ops/incidents), update or publish (on /ops/incidents/:incidentId). Each validates its fields
// once, here; a refusal comes back as messages beside the fields, never as an error page.
import { data, redirect } from 'react-router'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { isUuid } from '~/modules/formats/uuid'
import { declareInput, publishInput, updateInput } from './incident-input'
import { PlatformIncidentRefusedError, declareIncident, postUpdate, setPublished } from './incidents.server'

export type IncidentFeedback = {
  intent: 'declare' | 'update' | 'publish'
  errors?: Record<string, string>
  /** What was typed, sent back with the errors. */
  values?: Record<string, string>
  notice?: string
  status: number
}

const typed = (form: FormData) => Object.fromEntries([...form].map(([name, value]) => [name, String(value)]))

async function refusedOr(feedback: Omit<IncidentFeedback, 'status'>, run: () => Promise<unknown>, notice: string): Promise<IncidentFeedback> {
  try {
    await run()
    return { intent: feedback.intent, notice, status: 200 }
  } catch (error) {
    if (error instanceof PlatformIncidentRefusedError) return { ...feedback, errors: { form: error.message }, status: 409 }
    throw error
  }
}

/** Declare from /ops/incidents: a redirect to the new incident, or the form's errors. */
export async function declareAction(operatorId: string, form: FormData, origin: RequestOrigin): Promise<IncidentFeedback> {
  const values = typed(form)
  const parsed = declareInput.safeParse(values)
  if (!parsed.success) return { intent: 'declare', errors: fieldErrors(parsed.error), values, status: 400 }
  let id: string
  try {
    id = await declareIncident(operatorId, parsed.data, origin)
  } catch (error) {
    if (error instanceof PlatformIncidentRefusedError) return { intent: 'declare', errors: { workspaces: error.message }, values, status: 409 }
    throw error
  }
  throw redirect(`/ops/incidents/${id}`)
}

const TOLD = 'Recorded in the platform’s audit log; the affected workspaces are told in the background (their count is below).'

/** Update or publish on /ops/incidents/:incidentId. */
export async function incidentAction(operatorId: string, incidentId: string, form: FormData, origin: RequestOrigin): Promise<IncidentFeedback> {
  if (!isUuid(incidentId)) throw data('There is no such incident.', { status: 404 })
  const values = typed(form)
  switch (values.intent) {
    case 'update': {
      const parsed = updateInput.safeParse(values)
      if (!parsed.success) return { intent: 'update', errors: fieldErrors(parsed.error), values, status: 400 }
      const notice = parsed.data.status === 'resolved' ? `Resolved. ${TOLD}` : `Update posted. ${TOLD}`
      return refusedOr({ intent: 'update', values }, () => postUpdate(operatorId, incidentId, parsed.data, origin), notice)
    }
    case 'publish': {
      const parsed = publishInput.safeParse(values)
      if (!parsed.success) return { intent: 'publish', errors: { form: parsed.error.issues[0]!.message }, status: 400 }
      const publish = parsed.data.publish === 'yes'
      return refusedOr(
        { intent: 'publish' },
        () => setPublished(operatorId, incidentId, publish, origin),
        publish ? 'Published on Candor’s trust page (/trust).' : 'Taken off Candor’s trust page.',
      )
    }
    default:
      return { intent: 'update', errors: { form: 'Unknown action: reload the page and try again.' }, status: 400 }
  }
}
