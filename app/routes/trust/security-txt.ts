// /t/:slug/.well-known/security.txt — a workspace's security contact (RFC 9116).
import { securityTxtResponse } from '~/modules/disclosure/security-txt.server'
import type { Route } from './+types/security-txt'

export function loader({ request, params }: Route.LoaderArgs) {
  return securityTxtResponse(request, params.slug, 'workspace')
}
