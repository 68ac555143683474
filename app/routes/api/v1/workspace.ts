// GET /api/v1/workspace — the workspace the API key belongs to (scope workspace:read).
import { requireApiKey } from '~/modules/api/api-auth.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { Route } from './+types/workspace'

export async function loader({ request, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'workspace:read')
  const workspace = await withTenant(tenant, (tx) =>
    tx.workspace.findUniqueOrThrow({
      where: { id: tenant.workspaceId },
      select: { id: true, slug: true, name: true, requireTwoFactor: true, createdAt: true },
    }),
  )
  return Response.json({ data: workspace })
}
