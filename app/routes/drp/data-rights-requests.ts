// POST /drp/:slug/v1/data-rights-request — the Data Rights Exercise endpoint: a signed request
// from a registered agent becomes a privacy request of the workspace.
import { appOrigin } from '~/modules/config/env.server'
import { exerciseRights } from '~/modules/drp/exercise.server'
import { drpError } from '~/modules/drp/wire'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-rights-requests'

export function loader() {
  return drpError(405, 'POST a signed request here; GET /v1/data-rights-request/{request_id} for its status.')
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return drpError(405, 'POST a signed request here.')
  const origin = { ...requestOrigin(request, context), portalOrigin: appOrigin() }
  return exerciseRights(params.slug, request.headers.get('authorization'), await request.text(), origin)
}
