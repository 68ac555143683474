// /w/:slug — the workspace's overview: the setup checklist (owners and admins, until they hide
// it), what needs the member now (each item a link to where it is dealt with), the setup the
// privacy portal still needs, and requests per month. The view model is
// app/modules/overview/overview.server.ts; the forms' work is overview-actions.server.ts.
import { data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { OverviewAttention } from '~/components/overview-attention'
import { PageSection } from '~/components/page-section'
import { RequestsChart } from '~/components/requests-chart'
import { SetupChecklist } from '~/components/setup-checklist'
import { SetupWarning } from '~/components/setup-warning'
import { requireMember } from '~/modules/auth/member.server'
import type { Role } from '~/modules/auth/permissions'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { overviewIntent, runOverviewIntent } from '~/modules/overview/overview-actions.server'
import { loadOverview, nothingNeedsYou } from '~/modules/overview/overview.server'
import type { Route } from './+types/overview'

export const meta: Route.MetaFunction = () => [{ title: 'Overview — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const overview = await loadOverview(member)
  return { workspace: member.workspace, role: member.role, ...overview, nothing: nothingNeedsYou(overview) }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const parsed = overviewIntent.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'Choose what to do.' }, { status: 400 })
  const error = await runOverviewIntent(member, parsed.data.intent, requestOrigin(request, context))
  if (error) return data({ error }, { status: 409 })
  return redirect(`/w/${params.slug}#setup`)
}

const ROLE_WITH_ARTICLE: Record<Role, string> = { owner: 'an owner', admin: 'an admin', agent: 'an agent', viewer: 'a viewer' }

export default function Overview({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, role, attention, setup, chart, mayFixSetup, nothing, checklist, controlsOffer } = loaderData
  return (
    <>
      <h1 className="text-2xl font-semibold">{workspace.name}</h1>
      <p className="mt-2 text-slate-600">You are {ROLE_WITH_ARTICLE[role]} of this workspace.</p>
      <FormAlert message={actionData?.error} />

      {checklist ? (
        <PageSection id="setup" title="Set up your workspace">
          <SetupChecklist checklist={checklist} offer={controlsOffer} />
        </PageSection>
      ) : null}

      <PageSection id="needs-you" title="What needs you">
        {nothing ? (
          <p className="mt-3 rounded-lg border border-green-200 bg-green-50 px-4 py-3 text-green-900" data-testid="nothing-needs-you">
            Nothing needs you right now.
          </p>
        ) : null}
        <SetupWarning steps={setup} mayFix={mayFixSetup} />
        <OverviewAttention attention={attention} base={`/w/${workspace.slug}`} />
      </PageSection>

      {chart ? (
        <PageSection id="requests-per-month" title="Requests per month">
          <RequestsChart chart={chart} />
        </PageSection>
      ) : null}
    </>
  )
}
