// The operator console's platform incident pages: the list, the declare form, and one incident
// with its events (each with how many workspaces it reached, counted now), the update form and
// the trust-page switch. Every state shown is the rows'.
import { Form, Link } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { Field, SelectField, optionsOf } from '~/components/field'
import { WideTable } from '~/components/wide-table'
import { utcInstant } from '~/modules/formats/utc-instant'
import { MAX_CHOSEN_WORKSPACES, SEVERITY_LABELS, STATUS_LABELS, type IncidentStatus, type Severity } from '~/modules/platform-incidents/incident-input'
import type { IncidentFeedback } from '~/modules/platform-incidents/ops-actions.server'
import type { IncidentDetail, IncidentListItem } from '~/modules/platform-incidents/ops-view.server'

const SEVERITY_TONE: Record<Severity, string> = {
  S0: 'bg-red-50 text-red-800 ring-red-600/20',
  S1: 'bg-orange-50 text-orange-900 ring-orange-600/20',
  S2: 'bg-amber-50 text-amber-900 ring-amber-600/20',
  S3: 'bg-slate-100 text-slate-700 ring-slate-500/20',
}

export function SeverityPill({ severity }: { severity: Severity }) {
  return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${SEVERITY_TONE[severity]}`}>{severity}</span>
}

function StatusText({ status }: { status: IncidentStatus }) {
  return <span className={status === 'resolved' ? 'text-emerald-800' : 'font-medium text-slate-900'}>{STATUS_LABELS[status]}</span>
}

/** What an action returned, as the page receives it. */
type Feedback = Omit<IncidentFeedback, 'status'>

const at = (date: Date | string) => utcInstant(new Date(date))
const BUTTON = 'rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700'

export function IncidentList({ incidents }: { incidents: IncidentListItem[] }) {
  if (incidents.length === 0) return <p className="mt-4 text-slate-600">No platform incident has been declared.</p>
  return (
    <WideTable label="Platform incidents" className="mt-4">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Incident</th>
            <th scope="col" className="py-2 pr-4 font-medium">Severity</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Started</th>
            <th scope="col" className="py-2 pr-4 font-medium">Affects</th>
            <th scope="col" className="py-2 font-medium">Trust page</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {incidents.map((incident) => (
            <tr key={incident.id} className="align-top">
              <td className="py-2 pr-4">
                <Link to={`/ops/incidents/${incident.id}`} className="font-medium underline hover:text-slate-700">{incident.title}</Link>
              </td>
              <td className="py-2 pr-4"><SeverityPill severity={incident.severity} /></td>
              <td className="py-2 pr-4">
                <StatusText status={incident.status} />
                {incident.resolvedAt ? <span className="block text-slate-500">{at(incident.resolvedAt)}</span> : null}
              </td>
              <td className="py-2 pr-4">{at(incident.startedAt)}</td>
              <td className="py-2 pr-4">{incident.affectsAll ? 'All workspaces' : `${incident.chosenWorkspaces} chosen`}</td>
              <td className="py-2">{incident.published ? 'Published' : 'Not published'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  )
}

export function DeclareForm({ feedback }: { feedback?: Feedback }) {
  const errors = feedback?.errors ?? {}
  const values = feedback?.values ?? {}
  return (
    <Form method="post" className="mt-4 grid max-w-3xl gap-4" noValidate>
      <input type="hidden" name="intent" value="declare" />
      <FormAlert message={errors.form} />
      <Field label="Title" name="title" value={values.title} error={errors.title} hint="One line, as customers will read it." />
      <Field
        label="What is happening"
        name="description"
        multiline
        value={values.description}
        error={errors.description}
        hint="The first update: what customers see and what they should do. It is e-mailed for S0 and S1."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Severity" name="severity" value={values.severity ?? 'S2'} options={optionsOf(SEVERITY_LABELS)} error={errors.severity} />
        <Field label="Started (UTC)" name="startedAt" type="datetime-local" value={values.startedAt} error={errors.startedAt} hint="Leave blank for now." />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Affected workspaces</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="affects" value="all" defaultChecked={values.affects !== 'chosen'} /> All workspaces
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="affects" value="chosen" defaultChecked={values.affects === 'chosen'} /> Only the ones listed below
          </label>
        </div>
        {errors.affects ? <p className="mt-1 text-sm text-red-700">{errors.affects}</p> : null}
      </fieldset>
      <Field
        label="Workspaces (their addresses)"
        name="workspaces"
        multiline
        value={values.workspaces}
        error={errors.workspaces}
        hint={`For "only the ones listed": the address (slug) of each, separated by commas or lines; at most ${MAX_CHOSEN_WORKSPACES}.`}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="publish" value="yes" defaultChecked={values.publish === 'yes'} /> Publish it on Candor’s trust page (/trust): title, severity, dates and updates, never which customers it affects
      </label>
      <div>
        <button type="submit" className={BUTTON}>Declare the incident</button>
      </div>
    </Form>
  )
}

const EVENT_LABELS: Record<IncidentDetail['events'][number]['kind'], string> = {
  declared: 'Declared',
  update: 'Update',
  published: 'Published on the trust page',
  unpublished: 'Taken off the trust page',
}

export function IncidentSummary({ incident }: { incident: IncidentDetail }) {
  return (
    <dl className="mt-4 grid max-w-3xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-slate-500">Severity</dt>
      <dd>{SEVERITY_LABELS[incident.severity]}</dd>
      <dt className="text-slate-500">Status</dt>
      <dd><StatusText status={incident.status} />{incident.resolvedAt ? ` at ${at(incident.resolvedAt)}` : null}</dd>
      <dt className="text-slate-500">Started</dt>
      <dd>{at(incident.startedAt)}</dd>
      <dt className="text-slate-500">Declared</dt>
      <dd>{at(incident.declaredAt)} by {incident.declaredBy}</dd>
      <dt className="text-slate-500">Affects</dt>
      <dd>
        {incident.affectsAll
          ? `All workspaces (${incident.affectedNow} open now)`
          : `${incident.affectedNow} chosen workspace${incident.affectedNow === 1 ? '' : 's'}: ${incident.chosen.map((w) => (w.deleted ? `${w.slug} (deleted)` : w.slug)).join(', ')}`}
      </dd>
      <dt className="text-slate-500">Trust page</dt>
      <dd>{incident.published ? 'Published on /trust' : 'Not published'}</dd>
    </dl>
  )
}

export function IncidentEvents({ incident }: { incident: IncidentDetail }) {
  return (
    <ol className="mt-4 grid max-w-3xl gap-3">
      {incident.events.map((event) => (
        <li key={event.id} className="rounded border border-slate-200 bg-white p-4 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{EVENT_LABELS[event.kind]}</span>
            <SeverityPill severity={event.severity} />
            <StatusText status={event.status} />
            <span className="text-slate-500">{at(event.postedAt)} by {event.postedBy}</span>
          </p>
          {event.message ? <p className="mt-2 whitespace-pre-wrap">{event.message}</p> : null}
          <p className="mt-2 text-xs text-slate-500">
            Reached {event.reached.workspaces} of the {incident.affectedNow} workspace{incident.affectedNow === 1 ? '' : 's'} affected now
            {event.reached.emails > 0 ? `; ${event.reached.emails} e-mail${event.reached.emails === 1 ? '' : 's'} queued to owners and admins` : ''}.
          </p>
        </li>
      ))}
    </ol>
  )
}

export function UpdateForm({ incident, feedback }: { incident: IncidentDetail; feedback?: Feedback }) {
  const errors = feedback?.intent === 'update' ? (feedback.errors ?? {}) : {}
  const values = feedback?.intent === 'update' && feedback.errors ? (feedback.values ?? {}) : {}
  return (
    <Form method="post" className="mt-4 grid max-w-3xl gap-4" noValidate>
      <input type="hidden" name="intent" value="update" />
      <FormAlert message={errors.form} />
      {feedback?.intent === 'update' && feedback.notice ? <p role="status" className="text-sm text-emerald-800">{feedback.notice}</p> : null}
      <Field label="Update" name="message" multiline value={values.message} error={errors.message} hint="What changed, and what customers should do." />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Status from now on" name="status" value={values.status ?? incident.status} options={optionsOf(STATUS_LABELS)} error={errors.status} />
        <SelectField label="Severity from now on" name="severity" value={values.severity ?? incident.severity} options={optionsOf(SEVERITY_LABELS)} error={errors.severity} />
      </div>
      <div>
        <button type="submit" className={BUTTON}>Post the update</button>
      </div>
    </Form>
  )
}

export function PublishForm({ incident, feedback }: { incident: IncidentDetail; feedback?: Feedback }) {
  const mine = feedback?.intent === 'publish' ? feedback : undefined
  return (
    <Form method="post" className="mt-4">
      <input type="hidden" name="intent" value="publish" />
      <input type="hidden" name="publish" value={incident.published ? 'no' : 'yes'} />
      <FormAlert message={mine?.errors?.form} />
      {mine?.notice ? <p role="status" className="mb-2 text-sm text-emerald-800">{mine.notice}</p> : null}
      <button type="submit" className="rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
        {incident.published ? 'Take it off Candor’s trust page' : 'Publish it on Candor’s trust page'}
      </button>
    </Form>
  )
}
