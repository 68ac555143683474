// /t/:slug/security/received — where the report form leads: the report is on its way and its
// reference is in the reporter's e-mail. Shows nothing of any report (a bot caught by the
// honeypot lands here too).
import { data } from 'react-router'
import { TrustShell } from '~/components/trust-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { disclosurePaths } from '~/modules/disclosure/security-txt'
import type { Route } from './+types/security-received'

export const meta: Route.MetaFunction = () => [{ title: 'Report received' }]

export async function loader({ params }: Route.LoaderArgs) {
  const workspace = await withPublicWorkspace(params.slug, async (_tx, workspace) => workspace)
  if (!workspace) throw data('There is no security policy at this address.', { status: 404 })
  return { workspace: { name: workspace.name, slug: workspace.slug } }
}

export default function ReportReceived({ loaderData }: Route.ComponentProps) {
  const { workspace } = loaderData
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Security">
      <h1 className="text-2xl font-semibold">Thank you for your report</h1>
      <p className="mt-4" role="status">
        {workspace.name} has received it. We have e-mailed you its reference and when we will acknowledge it; every
        update comes to the same address.
      </p>
      <p className="mt-4">
        <a href={disclosurePaths(workspace.slug).policy} className="text-brand-700 underline">
          Back to the disclosure policy
        </a>
      </p>
    </TrustShell>
  )
}
