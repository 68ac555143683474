// /t/:slug — a workspace's public trust page: the latest published version, its sub-processors
// and live checks. Served from the page cache with an ETag (app/modules/trust/public-page.server).
import { trustPageResponse } from '~/modules/trust/public-page.server'
import type { Route } from './+types/trust-page'

export function loader({ request, params }: Route.LoaderArgs) {
  return trustPageResponse(request, params.slug)
}
