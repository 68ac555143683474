// Serving security.txt: the workspace's policy read through the public lookup (a deleted or
// unknown workspace has none: 404), written by the pure security-txt.ts.
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { loadPolicy } from './policy.server'
import { securityTxtFor } from './security-txt'

const TEXT = 'text/plain; charset=utf-8'

/** The security.txt response of the workspace at `slug`, served as the platform's or its own. */
export async function securityTxtResponse(request: Request, slug: string, scope: 'platform' | 'workspace'): Promise<Response> {
  const found = await withPublicWorkspace(slug, async (tx, workspace) => ({ workspace, settings: await loadPolicy(tx) }))
  if (!found) {
    return new Response('There is no security.txt at this address.\n', {
      status: 404,
      headers: { 'Content-Type': TEXT, 'Cache-Control': 'no-store' },
    })
  }
  const body = securityTxtFor({ origin: appOrigin(), ...found, scope, now: new Date() })
  // Expires moves on once a day; an hour in a shared cache keeps a policy change visible soon.
  return new Response(request.method === 'HEAD' ? null : body, {
    headers: { 'Content-Type': TEXT, 'Cache-Control': 'public, max-age=3600' },
  })
}
