// /api/v1/data-systems — GET: the workspace's active data systems (scope data-systems:read).
// POST: add one, Postgres, webhook or manual, with its first dataset map (scope data-systems:write).
import { createDataSystem, listDataSystems } from '~/modules/api/data-system-changes.server'
import { createDataSystemBody, issueFields } from '~/modules/api/data-systems-api.server'
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { DataSystemError } from '~/modules/connectors/data-systems.server'
import { PrivacySettingsError } from '~/modules/dsar/privacy-settings.server'
import { invalidInput, readApiJson } from '~/modules/api/api-input.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-systems'

export async function loader({ request, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'data-systems:read')
  return Response.json({ data: await listDataSystems(tenant) })
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return apiError(405, 'method_not_allowed', 'Use GET to list data systems or POST to add one.')
  const tenant = await requireApiKey({ request, context }, 'data-systems:write')
  const body = await readApiJson(request)
  if (!body.ok) return body.response
  const parsed = createDataSystemBody.safeParse(body.value)
  if (!parsed.success) return invalidInput(issueFields(parsed.error))
  try {
    const { system, generatedSecret } = await createDataSystem(tenant, parsed.data, requestOrigin(request, context))
    return Response.json(
      { data: system, ...(generatedSecret ? { secret: generatedSecret } : {}) },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    if (error instanceof DataSystemError || error instanceof PrivacySettingsError) return apiError(409, 'conflict', error.message)
    throw error
  }
}
