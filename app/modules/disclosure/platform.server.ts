// The platform's own workspace: Candor publishes its own security.txt and disclosure policy
// (and its trust page) from one ordinary workspace, with the same code as every customer's.
// Which one is PLATFORM_WORKSPACE_SLUG; unset, the demo seed's workspace (env.server.ts).
import { env } from '~/modules/config/env.server'

export function platformWorkspaceSlug(): string {
  return env().PLATFORM_WORKSPACE_SLUG
}
