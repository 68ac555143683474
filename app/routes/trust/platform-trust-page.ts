// /trust — Candor's own trust page: the platform's workspace (PLATFORM_WORKSPACE_SLUG),
// rendered by the same code as every customer's.
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { trustPageResponse } from '~/modules/trust/public-page.server'
import type { Route } from './+types/platform-trust-page'

export function loader({ request }: Route.LoaderArgs) {
  return trustPageResponse(request, platformWorkspaceSlug(), '/trust')
}
