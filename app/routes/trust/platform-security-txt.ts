// /.well-known/security.txt — this installation's own security contact (RFC 9116), from the
// platform's workspace (PLATFORM_WORKSPACE_SLUG).
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { securityTxtResponse } from '~/modules/disclosure/security-txt.server'
import type { Route } from './+types/platform-security-txt'

export function loader({ request }: Route.LoaderArgs) {
  return securityTxtResponse(request, platformWorkspaceSlug(), 'platform')
}
