// Which requests have a reply a member has not read. When the requester writes, the reply's time
// is copied onto every member's row of the request (`latest_reply_at`); opening the request page
// moves the member's marker (`read_until`) to the newest reply the page showed. A request is
// unread for a member while the first is newer than the second, so a reply that arrives while
// the page is loading stays unread. Members who join later do not see earlier replies as new.
import type { Prisma } from '~/generated/prisma/client'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { CLOSED_STATES, REQUEST_STATE_KEYS } from './request-kinds'

/**
 * Record the requester's newest reply on the request for every member of the workspace (rows
 * taken in one order, so two replies at once wait for each other rather than deadlock).
 */
export async function recordReply(tx: Tx, request: { id: string; workspaceId: string }): Promise<void> {
  const latest = await tx.requestEvent.findFirst({
    where: { requestId: request.id, kind: 'subject_message' },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  if (!latest) return
  await tx.$executeRaw`
    INSERT INTO request_read (workspace_id, request_id, user_id, latest_reply_at)
    SELECT m.workspace_id, ${request.id}::uuid, m.user_id, ${latest.createdAt} FROM membership m
     WHERE m.workspace_id = ${request.workspaceId}::uuid
     ORDER BY m.user_id
    ON CONFLICT (request_id, user_id) DO UPDATE
      SET latest_reply_at = GREATEST(request_read.latest_reply_at, EXCLUDED.latest_reply_at)`
}

/**
 * The member opened the request page, which showed `events`: the newest reply among them is
 * read. The page's GET writes only this, the member's own reading state, never the request.
 * Nothing is written for an operator looking in: that view is read-only.
 */
export async function markRepliesRead(
  member: Member,
  requestId: string,
  events: readonly { kind: string; createdAt: Date }[],
): Promise<void> {
  if (member.impersonation || member.tenant.actor.type !== 'user') return
  const shown = events.filter((event) => event.kind === 'subject_message').map((event) => event.createdAt.getTime())
  if (shown.length === 0) return
  const readUntil = new Date(Math.max(...shown))
  await withTenant(member.tenant, (tx) =>
    tx.$executeRaw`
      INSERT INTO request_read (workspace_id, request_id, user_id, read_until)
      VALUES (${member.workspace.id}::uuid, ${requestId}::uuid, ${member.user.id}::uuid, ${readUntil})
      ON CONFLICT (request_id, user_id) DO UPDATE
        SET read_until = GREATEST(request_read.read_until, EXCLUDED.read_until)
        WHERE request_read.read_until IS DISTINCT FROM GREATEST(request_read.read_until, EXCLUDED.read_until)`,
  )
}

/** Requests with a reply `userId` has not read (a filter for privacy_request). */
export function unreadBy(tx: Tx, userId: string): Prisma.PrivacyRequestWhereInput {
  return {
    reads: {
      some: {
        userId,
        latestReplyAt: { not: null },
        OR: [{ readUntil: null }, { latestReplyAt: { gt: tx.requestRead.fields.readUntil } }],
      },
    },
  }
}

/** Of `requestIds`, those with a reply `userId` has not read. */
export async function unreadAmong(tx: Tx, userId: string, requestIds: readonly string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set()
  const rows = await tx.privacyRequest.findMany({
    where: { id: { in: [...requestIds] }, ...unreadBy(tx, userId) },
    select: { id: true },
  })
  return new Set(rows.map((row) => row.id))
}

const OPEN_STATES = REQUEST_STATE_KEYS.filter((state) => state !== 'unverified' && !CLOSED_STATES.includes(state))

/**
 * How many open requests have a reply `userId` has not read: those assigned to them, and the
 * whole workspace's (theirs included). For the Overview.
 */
export async function countUnreadReplies(tx: Tx, userId: string): Promise<{ mine: number; team: number }> {
  const where = { state: { in: OPEN_STATES }, ...unreadBy(tx, userId) }
  const [mine, team] = await Promise.all([
    tx.privacyRequest.count({ where: { ...where, assigneeId: userId } }),
    tx.privacyRequest.count({ where }),
  ])
  return { mine, team }
}
