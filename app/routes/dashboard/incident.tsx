// /w/:slug/incidents/:incidentId — one incident: its 72-hour clock as it stands now, the facts,
// the assessment, the notification to the authority and its updates, the people affected, the
// controllers told, the timeline and closing. Each form an `intent` of the one action
// (incidents/actions.server.ts); the workflow writes the change, its timeline entry, the e-mails
// and the audit entry together.
import { Link, data } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { formState } from '~/components/incidents/incident-fields'
import {
  AssessmentSection,
  AuthoritySection,
  CloseSection,
  ControllersSection,
  FactsSection,
  SubjectsSection,
  TimelineSection,
} from '~/components/incidents/incident-sections'
import { TimerLabel } from '~/components/timer-label'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { appOrigin } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { incidentAction } from '~/modules/incidents/actions.server'
import { incidentView } from '~/modules/incidents/view.server'
import type { Route } from './+types/incident'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data && 'incident' in data ? data.incident.reference : 'Incident'} — Candor` }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.view')
  if (!isUuid(params.incidentId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const incident = await withTenant(member.tenant, (tx) => incidentView(tx, params.incidentId, new Date()))
  if (!incident) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  return { incident, may: { manage: can(member.role, 'incidents.manage') && !member.impersonation } }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.manage')
  if (!isUuid(params.incidentId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  // The incident must be this workspace's before anything about the form is said.
  const known = await withTenant(member.tenant, (tx) => tx.incident.count({ where: { id: params.incidentId } }))
  if (!known) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const outcome = await incidentAction(member, params.incidentId, await readForm(request), { ...requestOrigin(request, context), appOrigin: appOrigin() })
  if ('saved' in outcome) return outcome
  return data(outcome, { status: 400 })
}

export default function Incident({ loaderData, actionData }: Route.ComponentProps) {
  const { incident, may } = loaderData
  const manage = may.manage && !incident.closed
  const refusal = actionData && 'intent' in actionData ? actionData : undefined
  const saved = actionData && 'saved' in actionData ? actionData.saved : undefined
  const props = { incident, failed: refusal?.intent, manage, form: (intent: string) => formState(intent, refusal, incident.form) }
  return (
    <>
      <p className="text-sm">
        <Link to=".." relative="path" className="text-brand-700 underline">
          ← All incidents
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{incident.reference}</span> {incident.title}
        </h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700" data-testid="incident-status">
          {incident.closed ? 'Closed' : 'Open'}
        </span>
      </div>
      <FormAlert message={refusal?.error} />
      {saved ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="incident-saved">
          {saved}
        </p>
      ) : null}

      <section aria-labelledby="clock-heading" className="mt-6 rounded border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="clock-heading" className="text-lg font-semibold">
            72-hour clock
          </h2>
          <TimerLabel badge={incident.clock.badge} testId="incident-clock" />
        </div>
        <p className="mt-2 text-sm text-slate-700">{incident.clock.sentence}</p>
        <p className="mt-1 text-xs text-slate-500">Due {incident.clock.due}, 72 hours after awareness. As of when this page was loaded.</p>
      </section>

      {/* Keyed by the timeline's length: after a change is saved, the forms start again from the stored values, folded. */}
      <div key={incident.events.length}>
        <FactsSection {...props} />
        <AssessmentSection {...props} />
        <AuthoritySection {...props} />
        <SubjectsSection {...props} />
        <ControllersSection {...props} />
        <TimelineSection {...props} manage={may.manage} />
        <CloseSection {...props} />
      </div>
    </>
  )
}
