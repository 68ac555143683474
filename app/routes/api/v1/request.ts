// GET /api/v1/requests/:requestId — one privacy request of the workspace, with each task in each
// data system and its erasure receipt (scope requests:read).
import { z } from 'zod'
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { RESOURCE_INCLUDE, TASK_INCLUDE, toResource, toTaskResource } from '~/modules/api/requests-api.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { Route } from './+types/request'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'requests:read')
  const id = z.uuid().safeParse(params.requestId)
  const found = id.success
    ? await withTenant(tenant, async (tx) => {
        const one = await tx.privacyRequest.findUnique({ where: { id: id.data }, include: RESOURCE_INCLUDE })
        const tasks = one
          ? await tx.requestTask.findMany({ where: { requestId: one.id }, include: TASK_INCLUDE, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
          : []
        return one && { ...toResource(one), tasks: tasks.map(toTaskResource) }
      })
    : null
  if (!found) return apiError(404, 'not_found', 'There is no privacy request with this id in this workspace.')
  return Response.json({ data: found })
}
