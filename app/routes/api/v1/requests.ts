// /api/v1/requests — GET: list the workspace's privacy requests (scope requests:read), newest
// first, filtered by state and type, a page at a time. POST: file one (scope requests:write).
import { apiError, requireApiKey } from '~/modules/api/api-auth.server'
import { invalidInput } from '~/modules/api/api-input.server'
import { listRequests } from '~/modules/api/request-list.server'
import { createRequestBody, listRequestsQuery, toResource } from '~/modules/api/requests-api.server'
import { appOrigin } from '~/modules/config/env.server'
import { fileRequestByApi } from '~/modules/dsar/file-request.server'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { parseJsonBody } from '~/modules/http/json-body'
import { requestOrigin } from '~/modules/http/request-info'
import { RateLimitedError } from '~/modules/security/rate-limit.server'
import type { Route } from './+types/requests'

export async function loader({ request, context }: Route.LoaderArgs) {
  const tenant = await requireApiKey({ request, context }, 'requests:read')
  const query = listRequestsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) return invalidInput(fieldErrors(query.error))
  const page = await listRequests(tenant, query.data)
  if (!page) return apiError(400, 'invalid_cursor', 'The cursor is not one this API gave out. Start again without it.')
  return Response.json({ data: page.requests.map(toResource), nextCursor: page.nextCursor })
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return apiError(405, 'method_not_allowed', 'Use GET to list requests or POST to file one.')
  const tenant = await requireApiKey({ request, context }, 'requests:write')
  const json = parseJsonBody(await request.text())
  if (!json.ok) return apiError(400, 'invalid_json', `${json.message} Send a JSON object (Content-Type: application/json).`)
  const body = json.value
  const parsed = createRequestBody.safeParse({ agent: isObject(body) && body.agentName ? 'agent' : 'self', ...(isObject(body) ? body : {}) })
  if (!parsed.success) return invalidInput(fieldErrors(parsed.error))
  try {
    const created = await fileRequestByApi(tenant, parsed.data, { ...requestOrigin(request, context), portalOrigin: appOrigin() })
    // A request just filed repeats no other.
    return Response.json({ data: toResource({ ...created, duplicateOf: null }) }, { status: 201 })
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error
    return apiError(429, 'rate_limited', error.message, { 'Retry-After': String(error.retryAfterSeconds) })
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
