// One-click unsubscribe from the weekly digest (RFC 8058). Every digest carries a link with a
// token of its own (stored only as a SHA-256 hash on its digest_sent row); a POST to it turns the
// digest off for that member in that workspace, as the preferences page would. Opening the link
// (GET) changes nothing: mail scanners follow links. A token of another workspace, an unknown
// one, or one of a member since removed changes nothing and says so.
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { sha256Hex } from '~/modules/crypto/sha256'
import { type Tx, withPublicWorkspace } from '~/modules/db/tenant.server'
import { type RateLimit, consumeRateLimit } from '~/modules/security/rate-limit.server'
import { receives } from './kinds'

// Only links that lead nowhere count against an address: mail providers send every member's
// one-click unsubscribe (RFC 8058) from a few shared addresses, and a real link must always work.
export const DIGEST_UNSUBSCRIBE_LIMIT: RateLimit = { name: 'notifications.unsubscribe.invalid.ip', limit: 30, windowSeconds: 60 * 60 }

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** invalid: no digest of this workspace has the token; gone: the member was removed since. */
export type DigestLinkState = 'invalid' | 'gone' | 'subscribed' | 'unsubscribed'

type Holder = { userId: string; chosen: boolean | undefined; state: DigestLinkState }

async function holderOf(tx: Tx, token: string): Promise<Holder | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  const digest = await tx.digestSent.findUnique({ where: { unsubscribeTokenHash: sha256Hex(token) }, select: { userId: true } })
  if (!digest) return null
  const [membership, choice] = await Promise.all([
    tx.membership.findFirst({ where: { userId: digest.userId }, select: { role: true } }),
    tx.notificationPreference.findFirst({ where: { userId: digest.userId, kind: 'weekly_digest' }, select: { enabled: true } }),
  ])
  const chosen = choice?.enabled
  if (!membership) return { userId: digest.userId, chosen, state: 'gone' }
  return { userId: digest.userId, chosen, state: receives('weekly_digest', membership.role, chosen) ? 'subscribed' : 'unsubscribed' }
}

/** For the page (GET, changes nothing); null when there is no open workspace at `slug`. */
export async function digestLinkState(slug: string, token: string) {
  return withPublicWorkspace(slug, async (tx, workspace) => ({
    workspace: { name: workspace.name },
    state: (await holderOf(tx, token))?.state ?? ('invalid' as const),
  }))
}

export type DigestUnsubscribeResult =
  | { outcome: 'done'; state: DigestLinkState }
  | { outcome: 'rate_limited'; retryAfterSeconds: number }
  | { outcome: 'no_workspace' }

/** Turn the member's weekly digest off in the workspace at `slug`. Doing it twice is doing it once. */
export async function unsubscribeFromDigest(slug: string, token: string, origin: RequestOrigin): Promise<DigestUnsubscribeResult> {
  const result = await withPublicWorkspace(slug, async (tx, workspace): Promise<DigestUnsubscribeResult> => {
    const holder = await holderOf(tx, token)
    if (!holder) {
      const limit = await consumeRateLimit(DIGEST_UNSUBSCRIBE_LIMIT, origin.ip ?? 'unknown', tx)
      return limit.allowed ? { outcome: 'done', state: 'invalid' } : { outcome: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds }
    }
    if (holder.state !== 'subscribed') return { outcome: 'done', state: holder.state }
    await tx.notificationPreference.upsert({
      where: { workspaceId_userId_kind: { workspaceId: workspace.id, userId: holder.userId, kind: 'weekly_digest' } },
      create: { workspaceId: workspace.id, userId: holder.userId, kind: 'weekly_digest', enabled: false },
      update: { enabled: false, updatedAt: new Date() },
    })
    await recordAudit(tx, { workspaceId: workspace.id, actor: { type: 'system', reason: 'weekly digest unsubscribe link' }, origin }, {
      action: 'notification_preference.unsubscribe',
      target: { type: 'user', id: holder.userId },
      before: { kind: 'weekly_digest', enabled: holder.chosen ?? null },
      after: { kind: 'weekly_digest', enabled: false },
    })
    return { outcome: 'done', state: 'unsubscribed' }
  })
  return result ?? { outcome: 'no_workspace' }
}
