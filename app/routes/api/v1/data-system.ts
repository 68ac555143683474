// /api/v1/data-systems/:dataSystemId — GET: one data system with its current dataset map (scope
// data-systems:read). PATCH: change it, save a new map version, or archive it (scope data-systems:write).
import { z } from 'zod'
import { changeDataSystem, DataSystemInputError, readDataSystem } from '~/modules/api/data-system-changes.server'
import { changeDataSystemBody, issueFields } from '~/modules/api/data-systems-api.server'
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { invalidInput, readApiJson } from '~/modules/api/api-input.server'
import { DataSystemError } from '~/modules/connectors/data-systems.server'
import { PrivacySettingsError } from '~/modules/dsar/privacy-settings.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-system'

const notFound = () => apiError(404, 'not_found', 'There is no data system with this id in this workspace.')

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'data-systems:read')
  const id = z.uuid().safeParse(params.dataSystemId)
  const system = id.success ? await readDataSystem(tenant, id.data) : null
  return system ? Response.json({ data: system }) : notFound()
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== 'PATCH') return apiError(405, 'method_not_allowed', 'Use GET to read a data system or PATCH to change it.')
  const tenant = await requireApiKey({ request, context }, 'data-systems:write')
  const id = z.uuid().safeParse(params.dataSystemId)
  if (!id.success) return notFound()
  const body = await readApiJson(request)
  if (!body.ok) return body.response
  const parsed = changeDataSystemBody.safeParse(body.value)
  if (!parsed.success) return invalidInput(issueFields(parsed.error))
  try {
    const changed = await changeDataSystem(tenant, id.data, parsed.data, requestOrigin(request, context))
    return changed ? Response.json({ data: changed.system, mapSaved: changed.mapSaved }) : notFound()
  } catch (error) {
    if (error instanceof DataSystemInputError) return invalidInput(error.fields)
    if (error instanceof DataSystemError || error instanceof PrivacySettingsError) return apiError(409, 'conflict', error.message)
    throw error
  }
}
