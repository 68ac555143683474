// Closing several requests from the queue as duplicates of one other request. Neither
// "completed" nor "rejected" would be true of them, so they get the state `duplicate` and name
// the request they repeat. Each is closed in its own transaction (state, timeline, e-mail to its
// requester, webhook, audit), so one that cannot be closed is named with its reason and the
// others still go through; nothing is half-closed.
import { z } from 'zod'
import type { Member } from '~/modules/auth/member.server'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { INBOX_PAGE_SIZE } from '~/modules/dsar/inbox.server'
import { duplicateSentence, mistakeSentence } from '~/modules/dsar/duplicate-words'
import { appOrigin } from '~/modules/config/env.server'
import { followLine } from '~/modules/dsar/follow-links.server'
import { portalLinks } from '~/modules/dsar/portal-links'
import { CLOSED_STATES, REQUEST_STATES, type RequestState } from '~/modules/dsar/request-kinds'
import { addEvent } from '~/modules/dsar/timeline.server'
import { queueEmail } from '~/modules/email/email.server'
import { REQUEST_REFERENCE } from '~/modules/formats/reference'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import type { BulkAssignResult } from './bulk-assign.server'

export const closeDuplicatesForm = z.object({
  requestIds: z
    .array(z.uuid('Choose requests from the list.'), 'Choose requests from the list.')
    .min(1, 'Tick the requests to close first.')
    .max(INBOX_PAGE_SIZE, `Close at most ${INBOX_PAGE_SIZE} requests at once (one page).`),
  duplicateOf: z
    .string('Write the reference of the request they duplicate, such as R-7K3Q9XHM.')
    .trim()
    .max(40, 'A reference is R- and eight characters, such as R-7K3Q9XHM.')
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(REQUEST_REFERENCE, 'Write the reference of the request they duplicate, such as R-7K3Q9XHM.')),
  confirm: z.literal('yes', 'Tick “I understand …” to close them: closing cannot be undone.'),
})

type Original = { id: string; workspaceId: string; reference: string; email: string; state: RequestState }

/** Why `original` cannot be the request others are closed under, or null when it can. */
function originalRefusal(reference: string, original: Original | null, tickedIds: string[]): string | null {
  if (!original || original.state === 'unverified') return `There is no request ${reference} in this workspace.`
  if (tickedIds.includes(original.id)) return `${reference} is ticked: untick it, since the others are closed as its duplicates.`
  if (original.state === 'duplicate') return `${reference} is itself closed as a duplicate: close them as duplicates of the request it repeats.`
  if (original.state === 'rejected') return `${reference} was rejected: a duplicate of it would be handled under nothing.`
  return null
}

const ORIGINAL_SELECT = { id: true, workspaceId: true, reference: true, email: true, state: true } as const

export async function closeDuplicates(member: Member, form: z.output<typeof closeDuplicatesForm>, origin: RequestOrigin): Promise<BulkAssignResult> {
  const requestIds = [...new Set(form.requestIds)]
  const first = await withTenant(member.tenant, async (tx) => {
    const original = await tx.privacyRequest.findFirst({ where: { reference: form.duplicateOf }, select: ORIGINAL_SELECT })
    return {
      refusal: originalRefusal(form.duplicateOf, original, requestIds),
      requests: await tx.privacyRequest.findMany({ where: { id: { in: requestIds }, state: { not: 'unverified' } }, select: { id: true } }),
    }
  })
  if (first.refusal) return { done: null, refused: [first.refusal] }
  const refused: string[] = []
  const unknown = requestIds.length - first.requests.length
  if (unknown > 0) refused.push(`${unknown} of the ticked requests ${unknown === 1 ? 'is' : 'are'} not in this workspace's queue.`)
  let closed = 0
  for (const { id } of first.requests) {
    const refusal = await withTenant(member.tenant, (tx) => closeOne(tx, member, id, form.duplicateOf, origin))
    if (refusal) refused.push(refusal)
    else closed++
  }
  const done = closed === 0 ? null : `${closed === 1 ? '1 request' : `${closed} requests`} closed as duplicates of ${form.duplicateOf}; each requester is e-mailed.`
  return { done, refused }
}

/** Close one request in `tx`, or say why not (nothing is written then). */
async function closeOne(tx: Tx, member: Member, requestId: string, reference: string, origin: RequestOrigin): Promise<string | null> {
  // Row locks: a member acting on either request at the same time waits, and sees this change.
  await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${requestId}::uuid OR reference = ${reference} FOR UPDATE`
  const request = await tx.privacyRequest.findUniqueOrThrow({ where: { id: requestId }, include: { workspace: true } })
  const original = await tx.privacyRequest.findFirst({ where: { reference }, select: ORIGINAL_SELECT })
  const refusal = originalRefusal(reference, original, [requestId])
  if (refusal || !original) return refusal
  if (CLOSED_STATES.includes(request.state)) {
    return `${request.reference} is ${REQUEST_STATES[request.state].toLowerCase()}: only an open request is closed as a duplicate.`
  }
  const repeatedBy = await tx.privacyRequest.count({ where: { duplicateOfId: request.id } })
  if (repeatedBy > 0) return `${request.reference} has duplicates of its own: it stays open, so they are not left without their request.`

  const closedAt = new Date()
  await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'duplicate', duplicateOfId: original.id } })
  await tx.requestPause.updateMany({ where: { requestId: request.id, endedAt: null }, data: { endedAt: closedAt } })
  await emitRequestEvent(tx, request, 'request.duplicate')

  const company = request.workspace.name
  const sameRequester = original.email === request.email
  const profile = await tx.privacyProfile.findUnique({ where: { workspaceId: request.workspaceId }, select: { contact: true } })
  const sentence = duplicateSentence({ company, original, sameRequester })
  const mistake = mistakeSentence(company, profile?.contact ?? '', portalLinks(appOrigin(), request.workspace.slug).form())
  await addEvent(tx, request, { kind: 'closed_duplicate', public: true, actorUserId: member.user.id, body: sameRequester ? sentence : `${sentence} ${mistake}` })
  if (!sameRequester) {
    // Staff need the other reference; the requester may not see it (another person's request).
    await addEvent(tx, request, {
      kind: 'note',
      actorUserId: member.user.id,
      body: `Closed as a duplicate of ${original.reference} (filed from another e-mail address, so the requester is not told that reference).`,
    })
  }
  await queueEmail(tx, request.workspaceId, {
    to: request.email,
    subject: `${company}: your request is closed as a duplicate (${request.reference})`,
    text: (sameRequester
      ? [
          `${company} has closed your request ${request.reference} as a duplicate of your request ${original.reference}: it is handling your request under that reference.`,
          '',
          // Their own request (same address): the link opens that one.
          await followLine(tx, original, request.workspace.slug),
        ]
      : [
          `${company} has closed your request ${request.reference} as a duplicate of another request it is handling.`,
          mistake,
          '',
          await followLine(tx, request, request.workspace.slug),
        ]
    ).join('\n'),
  }, { branded: true })
  await recordAudit(tx, { ...member.tenant, origin }, {
    action: 'request.close_duplicate',
    target: { type: 'privacy_request', id: request.id },
    before: { state: request.state },
    after: { state: 'duplicate', duplicateOf: original.reference },
  })
  return null
}
