// A workspace's sub-processor subscriptions, made directly with known tokens: a pending one (its
// confirmation link), a confirmed one (its unsubscribe link) told of an announced change (its
// objection link). For tests that must hold another workspace's tokens.
import { randomBytes, randomUUID } from 'node:crypto'
import { withTenant } from '~/modules/db/tenant.server'
import { sha256 } from '~/modules/trust/subprocessor-subscribers.server'

export type SubscriptionTokens = {
  confirmToken: string
  unsubscribeToken: string
  objectionToken: string
  pendingEmail: string
  confirmedEmail: string
}

const token = () => randomBytes(32).toString('base64url')

export async function subscriptionsOf(workspaceId: string): Promise<SubscriptionTokens> {
  const tokens = {
    confirmToken: token(),
    unsubscribeToken: token(),
    objectionToken: token(),
    pendingEmail: `pending-${randomUUID()}@example.com`,
    confirmedEmail: `confirmed-${randomUUID()}@example.com`,
  }
  await withTenant({ workspaceId, actor: { type: 'system', reason: 'test' } }, async (tx) => {
    const base = { workspaceId, publicOrigin: 'https://trust.example', unsubscribeTokenEncrypted: 'not used here' }
    await tx.subprocessorSubscriber.create({
      data: { ...base, id: randomUUID(), email: tokens.pendingEmail, confirmTokenHash: sha256(tokens.confirmToken), unsubscribeTokenHash: sha256(token()) },
    })
    const confirmed = await tx.subprocessorSubscriber.create({
      data: { ...base, id: randomUUID(), email: tokens.confirmedEmail, unsubscribeTokenHash: sha256(tokens.unsubscribeToken), confirmedAt: new Date() },
    })
    const change = await tx.subprocessorChange.create({
      data: {
        id: randomUUID(),
        workspaceId,
        kind: 'add',
        name: 'Beatriz Secret Analytics',
        purpose: 'Analytics',
        effectiveOn: new Date(Date.now() + 60 * 86_400_000),
        state: 'announced',
        announcedAt: new Date(),
      },
    })
    await tx.subprocessorNotice.create({
      data: { id: randomUUID(), workspaceId, changeId: change.id, subscriberId: confirmed.id, objectionTokenHash: sha256(tokens.objectionToken) },
    })
  })
  return tokens
}
