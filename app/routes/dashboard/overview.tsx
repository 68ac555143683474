// /w/:slug — the workspace's overview: what needs the member now (each item a link to where it
// is dealt with), the setup the privacy portal still needs, and requests per month. The view
// model is app/modules/overview/overview.server.ts.
import { OverviewAttention } from '~/components/overview-attention'
import { PageSection } from '~/components/page-section'
import { RequestsChart } from '~/components/requests-chart'
import { SetupWarning } from '~/components/setup-warning'
import { requireMember } from '~/modules/auth/member.server'
import type { Role } from '~/modules/auth/permissions'
import { loadOverview, nothingNeedsYou } from '~/modules/overview/overview.server'
import type { Route } from './+types/overview'

export const meta: Route.MetaFunction = () => [{ title: 'Overview — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const overview = await loadOverview(member)
  return { workspace: member.workspace, role: member.role, ...overview, nothing: nothingNeedsYou(overview) }
}

const ROLE_WITH_ARTICLE: Record<Role, string> = { owner: 'an owner', admin: 'an admin', agent: 'an agent', viewer: 'a viewer' }

export default function Overview({ loaderData }: Route.ComponentProps) {
  const { workspace, role, attention, setup, chart, mayFixSetup, nothing } = loaderData
  return (
    <>
      <h1 className="text-2xl font-semibold">{workspace.name}</h1>
      <p className="mt-2 text-slate-600">You are {ROLE_WITH_ARTICLE[role]} of this workspace.</p>

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
