// People who subscribe to a workspace's sub-processor changes, on its public trust page:
// double opt-in (the e-mailed link opens a page whose button confirms), one subscription per
// e-mail, one-click unsubscribe, objections to an announced change (each e-mailed to the members
// who get objections). Tokens are random and stored as SHA-256 hashes; the unsubscribe token is
// also kept encrypted, since every e-mail carries it. A visitor's answer never says whether an
// address was already subscribed.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { appOrigin, env } from '~/modules/config/env.server'
import { decryptSecret, encryptSecret } from '~/modules/crypto/envelope.server'
import { type PublicWorkspace, type Tx, withPublicWorkspace, withTenant } from '~/modules/db/tenant.server'
import { ownerPool } from '~/modules/db/owner.server'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { queueEmail } from '~/modules/email/email.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { membersToTell } from '~/modules/notifications/recipients.server'
import { type RateLimit, consumeRateLimit } from '~/modules/security/rate-limit.server'
import { dayOf, type NoticeJob } from './subprocessor-changes.server'
import { objectionMail } from './objection-mail'
import { mailboxOf, subprocessorLinks } from './subprocessor-links'
import { confirmationMail, unsubscribeHeaders } from './subprocessor-mail'
import { isDue, subscribeAction, unconfirmedCutoff } from './subprocessor-rules'
import type { ChangeKind } from './subprocessor-text'

export const SUBSCRIBE_LIMITS = {
  /** Subscription forms sent from one address. */
  perIp: { name: 'subprocessors.subscribe.ip', limit: 10, windowSeconds: 60 * 60 },
  /** Confirmation e-mails to one address for one workspace: nobody is mail-bombed through the form. */
  perEmail: { name: 'subprocessors.subscribe.email', limit: 3, windowSeconds: 24 * 60 * 60 },
  /** Objections sent from one address. */
  objectPerIp: { name: 'subprocessors.object.ip', limit: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

const UNSUBSCRIBE_BINDING = (rowId: string) => ({
  table: 'subprocessor_subscriber',
  column: 'unsubscribe_token_encrypted',
  rowId,
})

/** Public visitors act on their own subscription: the audit log names the public form, not a member. */
const VISITOR = { type: 'system', reason: 'subprocessor subscriber' } as const

export type SubscribeResult = { outcome: 'ok' } | { outcome: 'rate_limited'; retryAfterSeconds: number } | { outcome: 'no_workspace' }

/**
 * Subscribe `email` to the changes of the workspace at `slug`. The answer is the same whether
 * the address was new, pending or already subscribed; only a pending one gets its
 * confirmation again (limited per address), and an active one gets nothing.
 */
export async function subscribe(
  slug: string,
  email: string,
  origin: RequestOrigin & { publicOrigin: string },
): Promise<SubscribeResult> {
  const perIp = await consumeRateLimit(SUBSCRIBE_LIMITS.perIp, origin.ip ?? 'unknown')
  if (!perIp.allowed) return { outcome: 'rate_limited', retryAfterSeconds: perIp.retryAfterSeconds }
  const attempt = () =>
    withPublicWorkspace(slug, async (tx, workspace) => {
      const scope: AuditScope = { workspaceId: workspace.id, actor: VISITOR, origin }
      const existing = await tx.subprocessorSubscriber.findUnique({
        where: { workspaceId_email: { workspaceId: workspace.id, email } },
      })
      const action = subscribeAction(existing)
      if (action === 'already_subscribed') return true
      // Silently past the limit: nothing changes, and the last link sent still works.
      const perEmail = await consumeRateLimit(SUBSCRIBE_LIMITS.perEmail, `${workspace.id}:${email}`)
      if (!perEmail.allowed) return true
      const confirmToken = newToken()
      const confirmTokenHash = sha256(confirmToken)
      const now = new Date()
      let subscriberId: string
      let unsubscribeToken: string
      if (!existing) {
        subscriberId = randomUUID()
        unsubscribeToken = newToken()
        await tx.subprocessorSubscriber.create({
          data: {
            id: subscriberId,
            workspaceId: workspace.id,
            email,
            publicOrigin: origin.publicOrigin,
            confirmTokenHash,
            unsubscribeTokenHash: sha256(unsubscribeToken),
            unsubscribeTokenEncrypted: await encryptSecret(tx, workspace.id, UNSUBSCRIBE_BINDING(subscriberId), unsubscribeToken),
            requestedAt: now,
          },
        })
        await recordAudit(tx, scope, { action: 'subprocessor_subscriber.subscribe', target: { type: 'subprocessor_subscriber', id: subscriberId } })
      } else {
        subscriberId = existing.id
        unsubscribeToken = await decryptSecret(tx, workspace.id, UNSUBSCRIBE_BINDING(existing.id), existing.unsubscribeTokenEncrypted)
        await tx.subprocessorSubscriber.update({
          where: { id: existing.id },
          // A new confirmation link replaces the last; an unsubscribed address confirms afresh.
          data: { confirmTokenHash, requestedAt: now, confirmedAt: null, unsubscribedAt: null, publicOrigin: origin.publicOrigin },
        })
        if (action === 'resubscribe') {
          await recordAudit(tx, scope, {
            action: 'subprocessor_subscriber.resubscribe',
            target: { type: 'subprocessor_subscriber', id: subscriberId },
            before: { unsubscribedAt: existing.unsubscribedAt?.toISOString() ?? null },
            after: { unsubscribedAt: null },
          })
        }
      }
      await sendConfirmation(tx, workspace, { id: subscriberId, email, publicOrigin: origin.publicOrigin }, confirmToken, unsubscribeToken)
      await tx.subprocessorSubscriber.update({ where: { id: subscriberId }, data: { confirmationSentAt: now } })
      return true
    })
  let done: boolean | null
  try {
    done = await attempt()
  } catch (error) {
    // The same address subscribing twice at the same moment: the other request made the row.
    if (violatedUniqueConstraint(error) !== 'subprocessor_subscriber_workspace_id_email_key') throw error
    done = await attempt()
  }
  return done === null ? { outcome: 'no_workspace' } : { outcome: 'ok' }
}

async function sendConfirmation(
  tx: Tx,
  workspace: PublicWorkspace,
  subscriber: { id: string; email: string; publicOrigin: string },
  confirmToken: string,
  unsubscribeToken: string,
): Promise<void> {
  const links = subprocessorLinks(subscriber.publicOrigin, workspace.slug)
  const mail = confirmationMail({
    workspaceName: workspace.name,
    confirmUrl: links.confirm(confirmToken),
    unsubscribeUrl: links.unsubscribe(unsubscribeToken),
    changesUrl: links.changes,
  })
  await queueEmail(tx, workspace.id, {
    to: subscriber.email,
    ...mail,
    headers: unsubscribeHeaders({ unsubscribeUrl: links.unsubscribe(unsubscribeToken), mailbox: mailboxOf(env().EMAIL_FROM), token: unsubscribeToken }),
  }, { branded: true })
}

/** Every e-mail of a subscriber carries its unsubscribe token (decrypted inside `tx`). */
export async function unsubscribeTokenOf(tx: Tx, subscriber: { id: string; workspaceId: string; unsubscribeTokenEncrypted: string }) {
  return decryptSecret(tx, subscriber.workspaceId, UNSUBSCRIBE_BINDING(subscriber.id), subscriber.unsubscribeTokenEncrypted)
}

async function pendingByConfirmToken(tx: Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null
  return tx.subprocessorSubscriber.findFirst({
    where: { confirmTokenHash: sha256(token), confirmedAt: null, requestedAt: { gt: unconfirmedCutoff(new Date()) } },
  })
}

/** For the confirmation page (GET, changes nothing): whether the link still works. */
export async function confirmLinkWorks(slug: string, token: string) {
  return withPublicWorkspace(slug, async (tx, workspace) => ({
    workspace: { name: workspace.name, slug: workspace.slug },
    works: (await pendingByConfirmToken(tx, token)) !== null,
  }))
}

export type ConfirmResult = 'confirmed' | 'invalid' | 'no_workspace'

/**
 * Confirm a subscription (the button of the confirmation page). Announced changes still ahead
 * are then e-mailed to the new subscriber too (the notice job skips everyone already told).
 */
export async function confirmSubscription(slug: string, token: string, origin: RequestOrigin): Promise<ConfirmResult> {
  const result = await withPublicWorkspace(slug, async (tx, workspace) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`subprocessors:${workspace.id}`}, 0))`
    const pending = await pendingByConfirmToken(tx, token)
    if (!pending) return 'invalid' as const
    const now = new Date()
    await tx.subprocessorSubscriber.update({ where: { id: pending.id }, data: { confirmedAt: now, confirmTokenHash: null } })
    await recordAudit(tx, { workspaceId: workspace.id, actor: VISITOR, origin }, {
      action: 'subprocessor_subscriber.confirm',
      target: { type: 'subprocessor_subscriber', id: pending.id },
      after: { confirmedAt: now.toISOString() },
    })
    const ahead = await tx.subprocessorChange.findMany({ where: { state: 'announced' }, select: { id: true, effectiveOn: true } })
    for (const change of ahead) {
      if (isDue(dayOf(change.effectiveOn), now, workspace.timeZone)) continue
      const job: NoticeJob = { workspaceId: workspace.id, changeId: change.id }
      await enqueue(tx, 'subprocessor.notice', job, { singletonKey: change.id })
    }
    return 'confirmed' as const
  })
  return result ?? 'no_workspace'
}

async function byUnsubscribeToken(tx: Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null
  return tx.subprocessorSubscriber.findUnique({ where: { unsubscribeTokenHash: sha256(token) } })
}

/** For the unsubscribe page (GET, changes nothing). */
export async function unsubscribeLinkState(slug: string, token: string) {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const subscriber = await byUnsubscribeToken(tx, token)
    return {
      workspace: { name: workspace.name, slug: workspace.slug },
      state: !subscriber ? ('invalid' as const) : subscriber.unsubscribedAt ? ('unsubscribed' as const) : ('subscribed' as const),
    }
  })
}

export type UnsubscribeResult = 'unsubscribed' | 'invalid' | 'no_workspace'

/** Unsubscribe (RFC 8058 one-click, or the page's button). Doing it twice is doing it once. */
export async function unsubscribe(slug: string, token: string, origin: RequestOrigin): Promise<UnsubscribeResult> {
  const result = await withPublicWorkspace(slug, async (tx, workspace) => {
    const subscriber = await byUnsubscribeToken(tx, token)
    if (!subscriber) return 'invalid' as const
    if (subscriber.unsubscribedAt) return 'unsubscribed' as const
    const now = new Date()
    const changed = await tx.subprocessorSubscriber.updateMany({
      where: { id: subscriber.id, unsubscribedAt: null },
      data: { unsubscribedAt: now, confirmTokenHash: null },
    })
    if (changed.count === 1) {
      await recordAudit(tx, { workspaceId: workspace.id, actor: VISITOR, origin }, {
        action: 'subprocessor_subscriber.unsubscribe',
        target: { type: 'subprocessor_subscriber', id: subscriber.id },
        after: { unsubscribedAt: now.toISOString() },
      })
    }
    return 'unsubscribed' as const
  })
  return result ?? 'no_workspace'
}

async function noticeByObjectionToken(tx: Tx, token: string) {
  if (!TOKEN_PATTERN.test(token)) return null
  return tx.subprocessorNotice.findUnique({
    where: { objectionTokenHash: sha256(token) },
    include: { change: true, subscriber: { select: { id: true, email: true } } },
  })
}

export type ObjectionPage =
  | { state: 'invalid' }
  | { state: 'closed'; change: ObjectionChange }
  | { state: 'objected'; change: ObjectionChange; reason: string }
  | { state: 'open'; change: ObjectionChange }

type ObjectionChange = {
  kind: 'add' | 'remove' | 'change'
  name: string
  effectiveOn: string
  status: 'draft' | 'announced' | 'applied' | 'cancelled'
}

async function objectionPage(tx: Tx, workspace: PublicWorkspace, token: string): Promise<ObjectionPage & { noticeId?: string }> {
  const notice = await noticeByObjectionToken(tx, token)
  if (!notice) return { state: 'invalid' }
  const change: ObjectionChange = {
    kind: notice.change.kind,
    name: notice.change.name,
    effectiveOn: dayOf(notice.change.effectiveOn),
    status: notice.change.state,
  }
  const earlier = await tx.subprocessorObjection.findFirst({
    where: { changeId: notice.changeId, subscriberId: notice.subscriberId },
    select: { reason: true },
  })
  if (earlier) return { state: 'objected', change, reason: earlier.reason }
  const open = notice.change.state === 'announced' && !isDue(change.effectiveOn, new Date(), workspace.timeZone)
  return open ? { state: 'open', change, noticeId: notice.id } : { state: 'closed', change }
}

/** For the objection page (GET, changes nothing). */
export async function objectionLinkState(slug: string, token: string) {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const { noticeId: _, ...page } = await objectionPage(tx, workspace, token)
    return { workspace: { name: workspace.name, slug: workspace.slug }, page: page as ObjectionPage }
  })
}

export type ObjectResult =
  | { outcome: 'recorded' }
  | { outcome: 'refused'; page: ObjectionPage }
  | { outcome: 'rate_limited'; retryAfterSeconds: number }
  | { outcome: 'no_workspace' }

/** Record a subscriber's objection to an announced change, once, before its day. */
export async function objectToChange(slug: string, token: string, reason: string, origin: RequestOrigin): Promise<ObjectResult> {
  const limit = await consumeRateLimit(SUBSCRIBE_LIMITS.objectPerIp, origin.ip ?? 'unknown')
  if (!limit.allowed) return { outcome: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds }
  const result = await withPublicWorkspace(slug, async (tx, workspace): Promise<ObjectResult> => {
    const notice = await noticeByObjectionToken(tx, token)
    if (notice) {
      await tx.$queryRaw`SELECT id FROM subprocessor_change WHERE id = ${notice.changeId}::uuid FOR SHARE`
      // One objection per notice: a second submission (a double click) waits for the first and
      // then finds it, instead of failing on the unique constraint.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`objection:${notice.id}`}, 0))`
    }
    const { noticeId: _, ...page } = await objectionPage(tx, workspace, token)
    if (page.state !== 'open' || !notice) return { outcome: 'refused', page: page as ObjectionPage }
    const objection = await tx.subprocessorObjection.create({
      data: {
        id: randomUUID(),
        workspaceId: workspace.id,
        changeId: notice.changeId,
        subscriberId: notice.subscriberId,
        email: notice.subscriber.email,
        reason,
      },
    })
    await tellMembersOfObjection(tx, workspace, notice.change)
    await recordAudit(tx, { workspaceId: workspace.id, actor: VISITOR, origin }, {
      action: 'subprocessor_change.object',
      target: { type: 'subprocessor_change', id: notice.changeId },
      after: { objection: objection.id },
    })
    return { outcome: 'recorded' }
  })
  return result ?? { outcome: 'no_workspace' }
}

/** E-mail the members who get objections (decision 029), in the objection's transaction. */
async function tellMembersOfObjection(tx: Tx, workspace: PublicWorkspace, change: { id: string; kind: ChangeKind; name: string; effectiveOn: Date }) {
  const members = await membersToTell(tx, 'subprocessor_objection')
  if (members.length === 0) return
  const mail = withPreferencesLink(
    objectionMail({
      workspaceName: workspace.name,
      change: { kind: change.kind, name: change.name, effectiveOn: dayOf(change.effectiveOn) },
      objections: await tx.subprocessorObjection.count({ where: { changeId: change.id } }),
      subprocessorsUrl: `${appOrigin()}/w/${workspace.slug}/subprocessors`,
    }),
  )
  for (const member of members) await queueEmail(tx, workspace.id, { to: member.email, ...mail })
}

/**
 * Delete subscriptions asked for more than 7 days ago and never confirmed (scheduled job).
 * Finding them crosses workspaces (the owner's maintenance read); each deletion runs in its own
 * workspace's transaction with an audit entry that names no address.
 */
export async function deleteUnconfirmedSubscriptions(now = new Date()): Promise<number> {
  const cutoff = unconfirmedCutoff(now)
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string }>(
    `SELECT id, workspace_id FROM subprocessor_subscriber
      WHERE confirmed_at IS NULL AND requested_at <= $1 ORDER BY requested_at LIMIT 10000`,
    [cutoff],
  )
  let deleted = 0
  for (const row of rows) {
    const scope = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'subprocessor.apply' } as const }
    deleted += await withTenant(scope, async (tx) => {
      const gone = await tx.subprocessorSubscriber.deleteMany({ where: { id: row.id, confirmedAt: null, requestedAt: { lte: cutoff } } })
      if (gone.count === 0) return 0
      await recordAudit(tx, scope, {
        action: 'subprocessor_subscriber.expire',
        target: { type: 'subprocessor_subscriber', id: row.id },
        before: { confirmedAt: null },
      })
      return 1
    })
  }
  return deleted
}
