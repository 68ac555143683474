// Assigning several requests from the queue at once. Each request is assigned the way the
// request page does it (its own transaction, timeline event and audit entry), so one that
// cannot be assigned (closed, or not in this workspace) is named with its reason and the
// others still go through. The sentence says exactly how many were assigned, and to whom.
import { z } from 'zod'
import type { Member } from '~/modules/auth/member.server'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { withTenant } from '~/modules/db/tenant.server'
import { INBOX_PAGE_SIZE } from '~/modules/dsar/inbox.server'
import { CLOSED_STATES, REQUEST_STATES } from '~/modules/dsar/request-kinds'
import { RequestRuleError, assignRequest } from '~/modules/dsar/workflow.server'

export const bulkAssignForm = z.object({
  requestIds: z
    .array(z.uuid('Choose requests from the list.'), 'Choose requests from the list.')
    .min(1, 'Tick the requests to assign first.')
    .max(INBOX_PAGE_SIZE, `Assign at most ${INBOX_PAGE_SIZE} requests at once (one page).`),
  assignTo: z.union([z.literal('me'), z.literal('nobody'), z.uuid('Choose a member from the list.')], 'Choose a member from the list.'),
})

export type BulkAssignResult = { done: string | null; refused: string[] }

export async function bulkAssign(member: Member, form: z.output<typeof bulkAssignForm>, origin: RequestOrigin): Promise<BulkAssignResult> {
  const assigneeId = form.assignTo === 'me' ? member.user.id : form.assignTo === 'nobody' ? null : form.assignTo
  const requestIds = [...new Set(form.requestIds)]
  const rows = await withTenant(member.tenant, async (tx) => ({
    requests: await tx.privacyRequest.findMany({
      where: { id: { in: requestIds }, state: { not: 'unverified' } },
      select: { id: true, reference: true, state: true },
    }),
    assignee: assigneeId ? await tx.user.findUnique({ where: { id: assigneeId }, select: { email: true } }) : null,
  }))
  const refused: string[] = []
  let assigned = 0
  const unknown = requestIds.length - rows.requests.length
  if (unknown > 0) refused.push(`${unknown} of the ticked requests ${unknown === 1 ? 'is' : 'are'} not in this workspace's queue.`)
  for (const request of rows.requests) {
    if (CLOSED_STATES.includes(request.state)) {
      refused.push(`${request.reference} is ${REQUEST_STATES[request.state].toLowerCase()}: a closed request is not assigned.`)
      continue
    }
    try {
      await assignRequest(member, request.id, assigneeId, origin)
      assigned++
    } catch (error) {
      if (!(error instanceof RequestRuleError)) throw error
      refused.push(`${request.reference}: ${error.message}`)
    }
  }
  const whom = assigneeId === member.user.id ? 'you' : (rows.assignee?.email ?? 'nobody')
  const done = assigned === 0 ? null : `${assigned === 1 ? '1 request' : `${assigned} requests`} ${assigneeId ? `assigned to ${whom}` : 'now unassigned'}.`
  return { done, refused }
}
