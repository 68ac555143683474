// The gate of every /api/v1 endpoint: an API key in `Authorization: Bearer`, with the scope the
// endpoint needs, for a workspace that is still open, from an address on its IP allowlist. Errors are JSON with a stable code and a
// message a developer can act on.
import type { RouterContextProvider } from 'react-router'
import { type ApiScope, authenticateApiKey } from '~/modules/auth/api-keys.server'
import { BILLING_STATE_SELECT, featureRefusal, planOf } from '~/modules/billing/entitlements.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { allowedByList } from '~/modules/security/ip-allowlist'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'

export function apiError(status: number, code: string, message: string, headers: HeadersInit = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers })
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="candor"' }

export async function requireApiKey(
  { request, context }: { request: Request; context: Readonly<RouterContextProvider> },
  scope: ApiScope,
): Promise<TenantContext> {
  const header = request.headers.get('authorization') ?? ''
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
  if (!token) {
    throw apiError(401, 'unauthenticated', 'Send your API key as "Authorization: Bearer cnd_…".', CHALLENGE)
  }
  const key = await authenticateApiKey(token)
  if (!key) throw apiError(401, 'invalid_key', 'This API key is not valid or was revoked.', CHALLENGE)
  const tenant: TenantContext = { workspaceId: key.workspaceId, actor: { type: 'api_key', apiKeyId: key.id } }
  const workspace = await withTenant(tenant, (tx) =>
    tx.workspace.findFirst({
      where: { id: key.workspaceId, deletedAt: null },
      select: { ipAllowlist: true, ...BILLING_STATE_SELECT },
    }),
  )
  if (!workspace) throw apiError(401, 'invalid_key', 'This API key is not valid or was revoked.', CHALLENGE)
  // The plan is read from the row this gate reads anyway: no second query per API call.
  const refusal = featureRefusal(planOf(workspace).plan, 'api')
  if (refusal) throw apiError(403, refusal.code, refusal.message)
  const { clientIp } = context.get(requestInfoContext)
  if (!allowedByList(workspace.ipAllowlist, clientIp)) {
    throw apiError(403, 'ip_not_allowed', `Requests from ${clientIp} are not on this workspace’s IP allowlist.`)
  }
  if (!key.scopes.includes(scope)) {
    throw apiError(403, 'insufficient_scope', `This API key lacks the "${scope}" permission.`)
  }
  return tenant
}
