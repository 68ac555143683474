// Telling the team, in the transaction of the change (decision 004): a request received, a reply
// from the requester, an export waiting for review. The request's assignee hears of it; while
// nobody who still works requests is assigned, every member whose role works requests does.
// Never the member who made the change, nor one who turned that e-mail off (decision 029). A
// reply e-mails each member at most once per request in REPLY_QUIET_MINUTES, however many
// replies come.
import { PERMISSIONS } from '~/modules/auth/permissions'
import { appOrigin } from '~/modules/config/env.server'
import type { Actor, Tx } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import type { NotificationKind } from '~/modules/notifications/kinds'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { type Recipient, membersToTell } from '~/modules/notifications/recipients.server'
import { deskRequestPath } from './desk-links'
import { formatDeadline, requestDeadlines } from './request-deadline.server'
import { REQUEST_TYPES } from './request-kinds'
import { type NoticeReason, type TeamEvent, type TeamNoticeInput, teamNoticeMail } from './team-notice-mail'

export const REPLY_QUIET_MINUTES = 15

/** The member behind a change, who needs no e-mail about it; null when no member acted. */
export const memberActing = (actor: Actor): string | null => (actor.type === 'user' ? actor.userId : null)

/** The kind of member e-mail each event is (notifications/kinds.ts): members choose which they get. */
const KIND_OF: Record<TeamEvent, NotificationKind> = { received: 'request_new', reply: 'request_reply', export_ready: 'export_review' }

/**
 * Who hears of a request's event of `kind`, and why: the assignee while their role still works
 * requests, else every member whose role does; `actorUserId` (the member acting) is left out, and
 * so is anyone who turned `kind` off. An assignee who turned it off is still the assignee: the
 * rest of the team is not told instead. The deadline reminders use the same rule.
 */
export async function requestRecipients(
  tx: Tx,
  request: { assigneeId: string | null },
  kind: NotificationKind,
  actorUserId: string | null = null,
): Promise<{ reason: NoticeReason; recipients: Recipient[] }> {
  const { assigneeId } = request
  const workingAssignee =
    assigneeId && (await tx.membership.count({ where: { userId: assigneeId, role: { in: [...PERMISSIONS['requests.work']] } } })) > 0
      ? assigneeId
      : null
  const reason: NoticeReason = workingAssignee ? 'assignee' : assigneeId ? 'assignee_gone' : 'unassigned'
  const recipients = await membersToTell(tx, kind, { only: workingAssignee ? [workingAssignee] : undefined, except: actorUserId })
  return { reason, recipients }
}

/**
 * This member's turn to hear of a reply: true at most once per REPLY_QUIET_MINUTES. The row's
 * lock makes two replies committing at once take turns, so only one of them sends.
 */
async function replyTurn(tx: Tx, request: { id: string; workspaceId: string }, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    INSERT INTO request_read (workspace_id, request_id, user_id, replies_told_at)
    VALUES (${request.workspaceId}::uuid, ${request.id}::uuid, ${userId}::uuid, now())
    ON CONFLICT (request_id, user_id) DO UPDATE SET replies_told_at = now()
      WHERE request_read.replies_told_at IS NULL
         OR request_read.replies_told_at <= now() - make_interval(mins => ${REPLY_QUIET_MINUTES})
    RETURNING user_id`
  return rows.length > 0
}

/** Replies on the request newer than what the member's page last showed them. */
async function unreadReplies(tx: Tx, requestId: string, userId: string): Promise<number> {
  const read = await tx.requestRead.findUnique({ where: { requestId_userId: { requestId, userId } }, select: { readUntil: true } })
  return tx.requestEvent.count({
    where: { requestId, kind: 'subject_message', ...(read?.readUntil ? { createdAt: { gt: read.readUntil } } : {}) },
  })
}

/** E-mail the members who should hear of `event` on the request, in the caller's transaction. */
export async function tellTeam(
  tx: Tx,
  requestId: string,
  event: TeamEvent,
  { actorUserId = null, ...details }: { actorUserId?: string | null } & Pick<TeamNoticeInput, 'addressConfirmedBy'> = {},
): Promise<void> {
  const request = await tx.privacyRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { workspace: { select: { name: true, slug: true } } },
  })
  const { reason, recipients } = await requestRecipients(tx, request, KIND_OF[event], actorUserId)
  if (recipients.length === 0) return
  const { effective } = await requestDeadlines(tx, request.id)
  const common = {
    event,
    reason,
    workspaceName: request.workspace.name,
    reference: request.reference,
    requestType: REQUEST_TYPES[request.type].label,
    dueDate: formatDeadline(effective),
    clockPaused: effective.pausedSince !== undefined,
    deskUrl: `${appOrigin()}${deskRequestPath(request.workspace.slug, request.reference)}`,
    ...details,
  }
  for (const recipient of recipients) {
    if (event === 'reply' && !(await replyTurn(tx, request, recipient.userId))) continue
    const reply = event === 'reply' ? { unreadReplies: await unreadReplies(tx, request.id, recipient.userId), quietMinutes: REPLY_QUIET_MINUTES } : {}
    await queueEmail(tx, request.workspaceId, { to: recipient.email, ...withPreferencesLink(teamNoticeMail({ ...common, ...reply })) })
  }
}
