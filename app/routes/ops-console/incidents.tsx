// /ops/incidents — incidents of the Candor service: the list, and the form that declares one
// (operators only; platform-incidents/ handles the change, its audit and its notices).
import { data } from 'react-router'
import { OpsSubpage } from '~/components/ops/ops-subpage'
import { DeclareForm, IncidentList } from '~/components/ops/platform-incidents'
import { PageSection } from '~/components/page-section'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { requireOperator } from '~/modules/ops/operators.server'
import { declareAction } from '~/modules/platform-incidents/ops-actions.server'
import { incidentsList } from '~/modules/platform-incidents/ops-view.server'
import type { Route } from './+types/incidents'

export const meta: Route.MetaFunction = () => [{ title: 'Platform incidents — Candor operator console' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireOperator(request)
  return { email: user.email, incidents: await incidentsList(user.id) }
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireOperator(request)
  const { status, ...feedback } = await declareAction(user.id, await readForm(request), requestOrigin(request, context))
  return data(feedback, { status })
}

export default function PlatformIncidents({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <OpsSubpage email={loaderData.email} title="Platform incidents">
      <p className="mt-2 max-w-3xl text-slate-600">
        An incident of the Candor service shows on the dashboard of every workspace it affects and in their audit logs.
        Once an incident is S0 or S1, that post and every later update until it is resolved are e-mailed to every owner and admin of those workspaces.
      </p>
      <PageSection id="incidents" title="Incidents">
        <IncidentList incidents={loaderData.incidents} />
      </PageSection>
      <PageSection id="declare" title="Declare an incident">
        <DeclareForm feedback={actionData} />
      </PageSection>
    </OpsSubpage>
  )
}
