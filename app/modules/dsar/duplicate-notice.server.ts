// The requester's status page for a request closed as a duplicate: the sentence, computed from
// the other request now, and a link to that request's page only when it is theirs too (same
// e-mail address); another person's request is never named.
import type { Tx } from '~/modules/db/tenant.server'
import { duplicateSentence } from './duplicate-words'

export type DuplicateNotice = { sentence: string; reference: string | null; href: string | null }

export async function duplicateNotice(
  tx: Tx,
  request: { state: string; email: string; duplicateOfId: string | null },
  workspace: { name: string; slug: string },
): Promise<DuplicateNotice | null> {
  if (request.state !== 'duplicate' || !request.duplicateOfId) return null
  const original = await tx.privacyRequest.findUniqueOrThrow({
    where: { id: request.duplicateOfId },
    select: { reference: true, email: true, state: true },
  })
  const sameRequester = original.email === request.email
  return {
    sentence: duplicateSentence({ company: workspace.name, original, sameRequester }),
    reference: sameRequester ? original.reference : null,
    href: sameRequester ? `/p/${workspace.slug}/requests/${original.reference}` : null,
  }
}
