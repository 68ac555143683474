// /ops/incidents/:incidentId — one incident of the Candor service: its state, its events and how
// far each reached, an update (status, severity, text; resolving is one), and the trust-page
// switch (operators only).
import { data } from 'react-router'
import { OpsSubpage } from '~/components/ops/ops-subpage'
import { IncidentEvents, IncidentSummary, PublishForm, UpdateForm } from '~/components/ops/platform-incidents'
import { PageSection } from '~/components/page-section'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { requireOperator } from '~/modules/ops/operators.server'
import { incidentAction } from '~/modules/platform-incidents/ops-actions.server'
import { incidentDetail } from '~/modules/platform-incidents/ops-view.server'
import type { Route } from './+types/incident'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.incident.title ?? 'Incident'} — Candor operator console` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireOperator(request)
  return { email: user.email, incident: await incidentDetail(user.id, params.incidentId) }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireOperator(request)
  const { status, ...feedback } = await incidentAction(user.id, params.incidentId, await readForm(request), requestOrigin(request, context))
  return data(feedback, { status })
}

export default function PlatformIncident({ loaderData, actionData }: Route.ComponentProps) {
  const { incident } = loaderData
  return (
    <OpsSubpage email={loaderData.email} title={incident.title}>
      <IncidentSummary incident={incident} />
      <PageSection id="events" title="What was posted">
        <IncidentEvents incident={incident} />
      </PageSection>
      <PageSection id="update" title="Post an update">
        {incident.status === 'resolved' ? (
          <p className="mt-4 text-slate-600">This incident is resolved: it takes no more updates.</p>
        ) : (
          <UpdateForm incident={incident} feedback={actionData} />
        )}
      </PageSection>
      <PageSection id="trust-page" title="Candor’s trust page">
        <PublishForm incident={incident} feedback={actionData} />
      </PageSection>
    </OpsSubpage>
  )
}
