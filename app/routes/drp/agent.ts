// /drp/:slug/v1/agent/:agentId — Data Rights Protocol pair-wise key setup (POST, a signed
// message; answers a bearer token) and agent information (GET, with that token).
import { agentInformation, setUpPairing } from '~/modules/drp/pairing.server'
import { drpError } from '~/modules/drp/wire'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/agent'

export async function loader({ request, params }: Route.LoaderArgs) {
  return agentInformation(params.slug, params.agentId, request.headers.get('authorization'))
}

export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return drpError(405, 'Use POST to set up a key, GET to check a token.')
  return setUpPairing(params.slug, params.agentId, await request.text(), requestOrigin(request, context))
}
