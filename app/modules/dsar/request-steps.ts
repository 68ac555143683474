// The requester's progress as steps: received, verified, in progress, ready (for access and
// portability, once the export is released to them), then completed, rejected or closed as a
// duplicate. A step is
// reached only when the record says it happened, and carries the moment it did.
import type { RequestState, RequestType } from './request-kinds'
import { taskModeOf } from './request-kinds'

export type StepFacts = {
  type: RequestType
  state: RequestState
  submittedAt: Date
  receivedAt: Date | null
  /** The first work on the request: a task created or a member's step. */
  workStartedAt: Date | null
  exportReleasedAt: Date | null
  completedAt: Date | null
  rejectedAt: Date | null
  /** When it was closed as a duplicate of another request. */
  duplicateAt: Date | null
}

export type RequestStep = { key: string; label: string; detail: string; at: Date | null }

/** The steps in order, and the index of the current one (the last reached). */
export function requestSteps(facts: StepFacts, company: string): { steps: RequestStep[]; current: number } {
  const steps: RequestStep[] = [
    { key: 'received', label: 'Received', detail: `Your request reached ${company}.`, at: facts.submittedAt },
    {
      key: 'verified',
      label: 'Verified',
      detail: 'You confirmed your e-mail address: the legal deadline runs from here.',
      at: facts.receivedAt,
    },
    {
      key: 'in_progress',
      label: 'In progress',
      detail: facts.state === 'awaiting_subject' ? `${company} is waiting for your answer.` : `${company} is working on it.`,
      at: facts.receivedAt ? facts.workStartedAt : null,
    },
  ]
  // A request closed without its answer (rejected, a duplicate) will never be "Ready": no "Not yet".
  const closedUnanswered = facts.rejectedAt !== null || facts.duplicateAt !== null
  if (taskModeOf(facts.type) === 'access' && (facts.exportReleasedAt || !closedUnanswered)) {
    steps.push({ key: 'ready', label: 'Ready', detail: 'Your data is ready to download.', at: facts.exportReleasedAt })
  }
  steps.push(
    facts.rejectedAt
      ? { key: 'rejected', label: 'Rejected', detail: `${company} will not act on the request: see its message below.`, at: facts.rejectedAt }
      : facts.duplicateAt
        ? { key: 'duplicate', label: 'Closed as a duplicate', detail: 'It repeats another request: see above.', at: facts.duplicateAt }
        : { key: 'completed', label: 'Completed', detail: `${company} has answered the request.`, at: facts.completedAt },
  )
  let current = 0
  steps.forEach((step, index) => {
    if (step.at) current = index
  })
  return { steps, current }
}
