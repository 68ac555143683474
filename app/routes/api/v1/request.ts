// GET /api/v1/requests/:requestId — one privacy request of the workspace (scope requests:read).
import { z } from 'zod'
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { RESOURCE_INCLUDE, toResource } from '~/modules/api/requests-api.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { Route } from './+types/request'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'requests:read')
  const id = z.uuid().safeParse(params.requestId)
  const found = id.success
    ? await withTenant(tenant, (tx) => tx.privacyRequest.findUnique({ where: { id: id.data }, include: RESOURCE_INCLUDE }))
    : null
  if (!found) return apiError(404, 'not_found', 'There is no privacy request with this id in this workspace.')
  return Response.json({ data: toResource(found) })
}
