// /w/:slug/incidents/new — record an incident: its facts (Art. 33(5)) and, if known already,
// the risk assessment. The 72-hour clock starts from the awareness time entered, not from now.
import { Form, Link, data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { AssessmentFields, FactsFields, formState } from '~/components/incidents/incident-fields'
import { PageSection } from '~/components/page-section'
import { requireMember } from '~/modules/auth/member.server'
import { appOrigin } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { recordFromForm } from '~/modules/incidents/actions.server'
import { incidentPath } from '~/modules/incidents/paths'
import { possibleOwners } from '~/modules/incidents/register.server'
import type { Route } from './+types/incident-new'

export const meta: Route.MetaFunction = () => [{ title: 'Record an incident — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.manage')
  return { owners: await withTenant(member.tenant, possibleOwners), me: member.user.id }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.manage')
  const form = await readForm(request)
  const result = await recordFromForm(member, form, { ...requestOrigin(request, context), appOrigin: appOrigin() })
  if ('id' in result) return redirect(incidentPath(member.workspace.slug, result.id))
  return data(result, { status: 400 })
}

export default function IncidentNew({ loaderData, actionData }: Route.ComponentProps) {
  const form = formState('record', actionData, { ownerUserId: loaderData.me, breachTypes: ['confidentiality'] })
  return (
    <>
      <p className="text-sm">
        <Link to=".." relative="path" className="text-brand-700 underline">
          ← All incidents
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Record an incident</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Record what is known now; every field can be completed later, and each change is kept in the incident’s timeline and the
        audit log. Times are in UTC.
      </p>
      <FormAlert message={actionData?.error} />
      <Form method="post" className="grid max-w-3xl gap-4" noValidate>
        <PageSection id="facts" title="What happened">
          <div className="mt-3 grid gap-4">
            <FactsFields form={form} owners={loaderData.owners} />
          </div>
        </PageSection>
        <PageSection id="assessment" title="Assessment (if known)">
          <div className="mt-3 grid gap-4">
            <AssessmentFields form={form} />
          </div>
        </PageSection>
        <div className="mt-6">
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Record the incident
          </button>
        </div>
      </Form>
    </>
  )
}
