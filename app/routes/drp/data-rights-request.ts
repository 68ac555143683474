// /drp/:slug/v1/data-rights-request/:requestId — the status of one Data Rights Request (GET)
// and its revocation by the agent (DELETE, a signed message).
import { requestStatus } from '~/modules/drp/exercise.server'
import { revokeRequest } from '~/modules/drp/revoke.server'
import { drpError } from '~/modules/drp/wire'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-rights-request'

export async function loader({ request, params }: Route.LoaderArgs) {
  return requestStatus(params.slug, params.requestId, request.headers.get('authorization'))
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== 'DELETE') return drpError(405, 'Use GET for the status, DELETE to revoke.')
  const authorization = request.headers.get('authorization')
  return revokeRequest(params.slug, params.requestId, authorization, await request.text(), requestOrigin(request, context))
}
