// What support staff do with a privacy request, each step in one transaction with its timeline
// event, its e-mail to the subject (when the subject is told) and its audit entry. Rules that
// a member can break (extending twice, completing before the work is done) are refused with a
// RequestRuleError whose message is shown as is.
import type { PrivacyRequest, Workspace } from '~/generated/prisma/client'
import type { Member } from '~/modules/auth/member.server'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import { statementText } from './erasure-statement'
import { loadErasureStatement } from './erasure-statement.server'
import { followLine } from './follow-links.server'
import { formatDeadline, refreshDueAt, requestDeadlines } from './request-deadline.server'
import { CLOSED_STATES, REQUEST_STATES, REQUEST_TYPES, taskModeOf } from './request-kinds'
import { recordReply } from './request-reads.server'
import { RequesterAttachmentError, recordRequesterFile, storeRequesterFile } from './requester-attachment.server'
import { tellTeam } from './team-notice.server'
import { addEvent } from './timeline.server'

export class RequestRuleError extends Error {}

export const REJECTION_GROUNDS = {
  manifestly_unfounded: 'The request is manifestly unfounded',
  excessive: 'The request is excessive (for example, repeated)',
  identity_not_verified: 'We could not verify your identity',
  exemption: 'A legal exemption applies',
} as const
export type RejectionGround = keyof typeof REJECTION_GROUNDS

export type Loaded = PrivacyRequest & { workspace: Workspace }

async function openRequest(tx: Tx, requestId: string): Promise<Loaded> {
  // Row lock: two members acting at once take turns, and each sees the other's change.
  await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${requestId}::uuid FOR UPDATE`
  const request = await tx.privacyRequest.findUnique({ where: { id: requestId }, include: { workspace: true } })
  if (!request || request.state === 'unverified') throw new RequestRuleError('There is no such request in this workspace.')
  return request
}

function assertOpen(request: Loaded) {
  if (CLOSED_STATES.includes(request.state)) {
    throw new RequestRuleError(`This request is already ${REQUEST_STATES[request.state].toLowerCase()}: nothing more can be done to it.`)
  }
}

const userId = (member: Member) => member.user.id
const scope = (member: Member, origin: RequestOrigin) => ({ ...member.tenant, origin })
const target = (request: { id: string }) => ({ type: 'privacy_request', id: request.id })

/** The subject line of every e-mail to the requester about their request. */
export function emailSubject(request: Loaded, what: string) {
  return `${request.workspace.name}: ${what} (${request.reference})`
}

/** The e-mail's way back to the request's page: a fresh single-use follow link. */
export function statusLine(tx: Tx, request: Loaded) {
  return followLine(tx, request, request.workspace.slug)
}

/** Run `step` on the request as `member`, in one transaction. */
function act<T>(member: Member, requestId: string, step: (tx: Tx, request: Loaded) => Promise<T>): Promise<T> {
  return withTenant(member.tenant, async (tx) => step(tx, await openRequest(tx, requestId)))
}

export async function assignRequest(member: Member, requestId: string, assigneeId: string | null, origin: RequestOrigin) {
  await act(member, requestId, async (tx, request) => {
    if (assigneeId) {
      const isMember = await tx.membership.count({ where: { userId: assigneeId, role: { in: ['owner', 'admin', 'agent'] } } })
      if (!isMember) throw new RequestRuleError('Assign the request to a member who handles requests (owner, admin or agent).')
    }
    if (request.assigneeId === assigneeId) return
    await tx.privacyRequest.update({ where: { id: request.id }, data: { assigneeId } })
    const assignee = assigneeId ? await tx.user.findUnique({ where: { id: assigneeId }, select: { email: true } }) : null
    await addEvent(tx, request, { kind: 'assigned', actorUserId: userId(member), body: assignee ? `Assigned to ${assignee.email}.` : 'Unassigned.' })
    await recordAudit(tx, scope(member, origin), {
      action: 'request.assign',
      target: target(request),
      before: { assigneeId: request.assigneeId },
      after: { assigneeId },
    })
  })
}

export async function addNote(member: Member, requestId: string, body: string, origin: RequestOrigin) {
  await act(member, requestId, async (tx, request) => {
    await addEvent(tx, request, { kind: 'note', actorUserId: userId(member), body })
    await recordAudit(tx, scope(member, origin), { action: 'request.note', target: target(request) })
  })
}

/** A message to the subject: e-mailed, and shown on their status page. */
export async function replyToSubject(member: Member, requestId: string, body: string, origin: RequestOrigin) {
  await act(member, requestId, async (tx, request) => {
    await addEvent(tx, request, { kind: 'message', public: true, actorUserId: userId(member), body })
    await queueEmail(tx, request.workspaceId, {
      to: request.email,
      subject: emailSubject(request, 'a message about your privacy request'),
      text: [body, '', await statusLine(tx, request)].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), { action: 'request.reply', target: target(request) })
  })
}

/**
 * Ask the subject for identity information or a clarification. The request waits for them;
 * under the UK GDPR the clock stops, under the GDPR the adjusted date leaves the wait out.
 */
export async function askSubject(
  member: Member,
  requestId: string,
  input: { reason: 'identity' | 'clarification'; message: string },
  origin: RequestOrigin,
) {
  await act(member, requestId, async (tx, request) => {
    assertOpen(request)
    if (request.state === 'awaiting_subject') throw new RequestRuleError('This request is already waiting for the requester.')
    await tx.requestPause.create({
      data: { workspaceId: request.workspaceId, requestId: request.id, reason: input.reason, startedAt: new Date() },
    })
    await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'awaiting_subject' } })
    await refreshDueAt(tx, request.id)
    await emitRequestEvent(tx, request, 'request.state_changed')
    const what = input.reason === 'identity' ? 'we need to confirm your identity' : 'we need a clarification'
    await addEvent(tx, request, { kind: `asked_${input.reason}`, public: true, actorUserId: userId(member), body: input.message })
    await queueEmail(tx, request.workspaceId, {
      to: request.email,
      subject: emailSubject(request, what),
      text: [input.message, '', 'Answer on your request’s page:', await statusLine(tx, request)].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), {
      action: 'request.ask_subject',
      target: target(request),
      before: { state: request.state },
      after: { state: 'awaiting_subject', reason: input.reason },
    })
  })
}

/**
 * The subject answers on their status page, with a file when the company asked for identity
 * information: the wait ends, the request goes on, and the team is told.
 */
export async function subjectAnswers(
  tx: Tx,
  request: PrivacyRequest,
  body: string,
  origin: RequestOrigin,
  file: File | null = null,
): Promise<void> {
  if (CLOSED_STATES.includes(request.state)) throw new RequestRuleError('This request is closed; it cannot take a reply.')
  if (file && !(await identityAsked(tx, request.id))) {
    throw new RequestRuleError('A file can be attached only when the company asked you for identity information.')
  }
  // The file first: a refused one is refused before anything is written.
  const stored = file ? await storeRequesterFile(tx, request.workspaceId, file).catch(asRuleError) : null
  const eventId = await addEvent(tx, request, { kind: 'subject_message', public: true, body })
  if (stored) await recordRequesterFile(tx, request, eventId, stored)
  let after = request.state
  if (request.state === 'awaiting_subject') {
    await tx.requestPause.updateMany({ where: { requestId: request.id, endedAt: null }, data: { endedAt: new Date() } })
    const failed = await tx.requestTask.count({ where: { requestId: request.id, state: 'failed' } })
    const tasks = await tx.requestTask.count({ where: { requestId: request.id } })
    after = failed > 0 ? 'needs_attention' : tasks > 0 ? 'in_progress' : 'verified'
    await tx.privacyRequest.update({ where: { id: request.id }, data: { state: after } })
    await refreshDueAt(tx, request.id)
    await emitRequestEvent(tx, request, 'request.state_changed')
  }
  await recordAudit(
    tx,
    { workspaceId: request.workspaceId, actor: { type: 'subject', requestId: request.id }, origin },
    { action: 'request.subject_message', target: target(request), before: { state: request.state }, after: { state: after, attachment: file !== null } },
  )
  await recordReply(tx, request)
  await tellTeam(tx, request.id, 'reply')
}

function asRuleError(error: unknown): never {
  throw error instanceof RequesterAttachmentError ? new RequestRuleError(error.message) : error
}

/** Whether the request is waiting for the requester's identity information now. */
export async function identityAsked(tx: Tx, requestId: string): Promise<boolean> {
  return (await tx.requestPause.count({ where: { requestId, reason: 'identity', endedAt: null } })) > 0
}

/** Extend the deadline once, with reasons told to the subject within the first period. */
export async function extendRequest(member: Member, requestId: string, reason: string, origin: RequestOrigin) {
  await act(member, requestId, async (tx, request) => {
    assertOpen(request)
    if (request.extendedAt) throw new RequestRuleError('This request was already extended; the law allows one extension.')
    const deadlines = await requestDeadlines(tx, request.id)
    if (!deadlines.extensionNoticeBy) throw new RequestRuleError('The law of this request allows no extension.')
    if (new Date() > deadlines.extensionNoticeBy.endsAt) {
      throw new RequestRuleError(
        `Too late to extend: the notice had to reach the requester by ${formatDeadline(deadlines.extensionNoticeBy)}.`,
      )
    }
    await tx.privacyRequest.update({ where: { id: request.id }, data: { extendedAt: new Date(), extensionReason: reason } })
    const extended = await refreshDueAt(tx, request.id)
    await emitRequestEvent(tx, request, 'request.extended')
    await addEvent(tx, request, {
      kind: 'extended',
      public: true,
      actorUserId: userId(member),
      body: `The deadline is extended to ${formatDeadline(extended.effective)}. Reason: ${reason}`,
    })
    await queueEmail(tx, request.workspaceId, {
      to: request.email,
      subject: emailSubject(request, 'we need more time to answer your request'),
      text: [
        `${request.workspace.name} needs more time to answer your request, as the law allows.`,
        `The new date is ${formatDeadline(extended.effective)}.`,
        `Why: ${reason}`,
        '',
        await statusLine(tx, request),
      ].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), {
      action: 'request.extend',
      target: target(request),
      before: { dueAt: request.dueAt?.toISOString() ?? null },
      after: { dueAt: extended.effective.endsAt.toISOString(), reason },
    })
  })
}

/** Refuse to act, telling the subject why and how to complain to a supervisory authority. */
export async function rejectRequest(
  member: Member,
  requestId: string,
  input: { ground: RejectionGround; explanation: string },
  origin: RequestOrigin,
) {
  await act(member, requestId, async (tx, request) => {
    assertOpen(request)
    const profile = await tx.privacyProfile.findUnique({ where: { workspaceId: request.workspaceId } })
    const authority = profile?.supervisoryAuthority || 'the data protection authority where you live or work'
    const rejectedAt = new Date()
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { state: 'rejected', rejectedAt, rejectionGround: input.ground, rejectionReason: input.explanation },
    })
    await tx.requestPause.updateMany({ where: { requestId: request.id, endedAt: null }, data: { endedAt: rejectedAt } })
    await emitRequestEvent(tx, request, 'request.rejected')
    // An erasure's automatic tasks may have run before the refusal: say what was erased.
    const statement = await loadErasureStatement(tx, request.id)
    const erased = statement?.lines.some((line) => line.state === 'erased') ? ['', ...statementText(statement)] : []
    const text = [
      `${request.workspace.name} will not act on your request ${request.reference}.`,
      `Why: ${REJECTION_GROUNDS[input.ground]}. ${input.explanation}`,
      ...erased,
      '',
      `You have the right to complain to a supervisory authority (${authority}) and to seek a judicial remedy.`,
    ].join('\n')
    await addEvent(tx, request, { kind: 'rejected', public: true, actorUserId: userId(member), body: text })
    await queueEmail(tx, request.workspaceId, {
      to: request.email,
      subject: emailSubject(request, 'your privacy request'),
      text: [text, '', await statusLine(tx, request)].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), {
      action: 'request.reject',
      target: target(request),
      before: { state: request.state },
      after: { state: 'rejected', ground: input.ground },
    })
  })
}

/** Close the request as answered. The work must be done: export built, or erasure recorded. */
export async function completeRequest(member: Member, requestId: string, message: string, origin: RequestOrigin) {
  await act(member, requestId, async (tx, request) => {
    assertOpen(request)
    if (request.state === 'awaiting_subject') throw new RequestRuleError('The request is waiting for the requester: it cannot be completed yet.')
    const open = await tx.requestTask.count({ where: { requestId: request.id, state: { not: 'done' } } })
    if (open > 0) throw new RequestRuleError(`${open} task${open === 1 ? ' is' : 's are'} not done yet.`)
    const mode = taskModeOf(request.type)
    const exported = mode === 'access' ? await tx.requestExport.findUnique({ where: { requestId: request.id } }) : null
    if (mode === 'access' && (!exported || (exported.deletedAt && !exported.releasedAt))) {
      throw new RequestRuleError('The export is not ready yet.')
    }
    // The requester gets their data only from a release (review before delivery).
    if (exported && !exported.releasedAt) {
      throw new RequestRuleError('Send the export to the requester first (after reviewing it), then complete the request.')
    }
    const completedAt = new Date()
    await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'completed', completedAt } })
    await emitRequestEvent(tx, request, 'request.completed')
    // Every task is done here, so the statement lists each system with its day; it says
    // "every primary system" only when more than Candor's own records were listed.
    const statement = await loadErasureStatement(tx, request.id)
    const erasure = statement ? ['', ...statementText(statement)] : []
    const download =
      exported?.expiresAt && !exported.deletedAt && exported.expiresAt > completedAt
        ? [`Your data can be downloaded from your request’s page until ${exported.expiresAt.toISOString().slice(0, 10)}.`]
        : []
    await addEvent(tx, request, { kind: 'completed', public: true, actorUserId: userId(member), body: message })
    await queueEmail(tx, request.workspaceId, {
      to: request.email,
      subject: emailSubject(request, `your request is complete: ${REQUEST_TYPES[request.type].label}`),
      text: [message, ...erasure, ...download, '', await statusLine(tx, request)].join('\n'),
    }, { branded: true })
    await recordAudit(tx, scope(member, origin), {
      action: 'request.complete',
      target: target(request),
      before: { state: request.state },
      after: { state: 'completed' },
    })
  })
}

