// What a requester is told about their request closed as a duplicate, computed from the other
// request as it is now. Its reference is named only when both were filed with the same e-mail
// address: a requester never learns of another person's request.
import { CLOSED_STATES, type RequestState } from './request-kinds'

export type DuplicateFacts = {
  company: string
  original: { reference: string; state: RequestState }
  /** Both requests were filed with the same e-mail address (stored lower case). */
  sameRequester: boolean
}

/** One sentence for the status page and the timeline. */
export function duplicateSentence({ company, original, sameRequester }: DuplicateFacts): string {
  const open = !CLOSED_STATES.includes(original.state)
  if (!sameRequester) {
    return open
      ? `Closed as a duplicate of another request that ${company} is handling.`
      : `Closed as a duplicate of another request that ${company} received.`
  }
  if (open) return `Closed as a duplicate of ${original.reference}: ${company} is handling your request under that reference.`
  if (original.state === 'completed') return `Closed as a duplicate of ${original.reference}: ${company} answered your request under that reference.`
  return `Closed as a duplicate of ${original.reference}, which is ${original.state === 'rejected' ? 'rejected' : 'closed'}: see that request for why.`
}

/** Where a requester who thinks the closing is a mistake can say so. */
export function mistakeSentence(company: string, contact: string, portalForm: string): string {
  return contact.trim()
    ? `If this is a mistake, tell ${company} at its privacy contact: ${contact.replace(/\s+/g, ' ').trim()}.`
    : `If this is a mistake, file your request again at ${portalForm} and say so in it.`
}
