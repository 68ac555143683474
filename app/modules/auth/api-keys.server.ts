// API keys: `cnd_<prefix>_<secret>`. The prefix (visible in the dashboard and in logs) finds the
// key; the secret's SHA-256, compared in constant time, proves it. The token is shown once, at
// creation. A key acts for its workspace with its scopes only.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { db } from '~/modules/db/client.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'

export const API_SCOPES = {
  'workspace:read': 'Read the workspace’s name and settings',
  'audit:read': 'Read the audit log',
  'requests:read': 'Read privacy requests',
  'requests:write': 'Create and update privacy requests',
  'requests:export': 'Download the export (ZIP) of an access request, decrypted; each download is audited',
  'data-systems:read': 'Read data systems, their settings (never a secret) and dataset maps',
  'data-systems:write': 'Add, change and archive data systems, and save dataset maps',
} as const
export type ApiScope = keyof typeof API_SCOPES

/** Last-used times are written at most this often, so using a key rarely writes. */
const TOUCH_INTERVAL_MS = 60 * 1000
const TOKEN = /^cnd_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/

const sha256 = (value: string) => createHash('sha256').update(value).digest()

export const apiKeyInput = z.object({
  name: z.string().trim().min(1, 'Give the key a name, e.g. “Zendesk integration”').max(80, 'Use at most 80 characters'),
  scopes: z
    .array(z.enum(Object.keys(API_SCOPES) as [ApiScope, ...ApiScope[]]))
    .min(1, 'Choose at least one permission'),
})

/** Create a key; returns the token, which is never shown again. */
export async function createApiKey(
  tenant: TenantContext,
  createdBy: string,
  input: z.input<typeof apiKeyInput>,
  origin: RequestOrigin,
): Promise<{ id: string; token: string }> {
  const { name, scopes } = apiKeyInput.parse(input)
  const prefix = randomBytes(8).toString('hex').slice(0, 10)
  const secret = randomBytes(32).toString('base64url')
  const id = randomUUID()
  await withTenant(tenant, async (tx) => {
    const entitled = { tx, workspaceId: tenant.workspaceId }
    await requireEntitlement(entitled, 'api')
    await requireEntitlement(entitled, 'apiKeys')
    await tx.apiKey.create({
      data: {
        id,
        workspaceId: tenant.workspaceId,
        name,
        prefix,
        secretHash: sha256(secret).toString('hex'),
        scopes,
        createdBy,
      },
    })
    await recordAudit(tx, { ...tenant, origin }, {
      action: 'api_key.create',
      target: { type: 'api_key', id },
      after: { name, prefix, scopes },
    })
  })
  return { id, token: `cnd_${prefix}_${secret}` }
}

export async function revokeApiKey(tenant: TenantContext, id: string, origin: RequestOrigin): Promise<boolean> {
  return withTenant(tenant, async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } })
    if (count === 0) return false
    await recordAudit(tx, { ...tenant, origin }, {
      action: 'api_key.revoke',
      target: { type: 'api_key', id },
      before: { revoked: false },
      after: { revoked: true },
    })
    return true
  })
}

export type AuthenticatedKey = { id: string; workspaceId: string; scopes: string[] }

/** The live key a bearer token names, or null (unknown, malformed, wrong secret, revoked). */
export async function authenticateApiKey(token: string): Promise<AuthenticatedKey | null> {
  const match = TOKEN.exec(token)
  if (!match) return null
  const [, prefix, secret] = match as unknown as [string, string, string]
  const key = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.workspace_id', '', true), set_config('app.api_key_prefix', ${prefix}, true)`
    return tx.apiKey.findUnique({ where: { prefix } })
  })
  if (!key || key.revokedAt) return null
  const expected = Buffer.from(key.secretHash, 'hex')
  if (!timingSafeEqual(expected, sha256(secret))) return null
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await withTenant({ workspaceId: key.workspaceId, actor: { type: 'api_key', apiKeyId: key.id } }, (tx) =>
      tx.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } }),
    )
  }
  return { id: key.id, workspaceId: key.workspaceId, scopes: key.scopes }
}
