// What an agent is told about a Data Rights Request (spec §3.02, §3.03): the Exercise Status
// object, computed from the Candor privacy request as it is at that moment. Pure, table-tested
// (exercise-status.test.ts). A state word is only used when Candor's state says exactly that.
import type { RequestState, RequestType } from '~/modules/dsar/request-kinds'

export type DrpState = 'open' | 'in_progress' | 'fulfilled' | 'revoked' | 'denied' | 'expired'
export type DrpReason =
  | 'need_user_verification'
  | 'suspected_fraud'
  | 'insuf_verification'
  | 'no_match'
  | 'claim_not_covered'
  | 'outside_jurisdiction'
  | 'too_many_requests'
  | 'other'

export type ExerciseStatus = {
  request_id: string
  agent_request_id?: string
  status: DrpState
  reason?: DrpReason
  received_at: string
  expected_by?: string
  processing_details?: string
  results_url?: string
}

export type StatusInput = {
  drp: { id: string; agentRequestId: string | null; createdAt: Date; revokedAt: Date | null }
  /** Null once Candor no longer holds the privacy request. */
  request: {
    type: RequestType
    state: RequestState
    dueAt: Date | null
    extendedAt: Date | null
    completedAt: Date | null
    rejectionGround: string | null
    rejectionReason: string | null
  } | null
  /** Where the person reads the answer and downloads an export (the portal's request page). */
  resultsUrl: string
  /** An erasure's statement as the requester reads it, when the request is an erasure. */
  erasureSummary: string | null
}

/** Candor's grounds for refusing, as the DRP's denial reasons (§3.02). */
export const DENIAL_REASONS: Record<string, DrpReason> = {
  identity_not_verified: 'insuf_verification',
  excessive: 'too_many_requests',
  exemption: 'claim_not_covered',
  manifestly_unfounded: 'other',
}

const day = (date: Date) => date.toISOString().slice(0, 10)

export function exerciseStatus(input: StatusInput): ExerciseStatus {
  const { drp, request } = input
  const base = {
    request_id: drp.id,
    ...(drp.agentRequestId ? { agent_request_id: drp.agentRequestId } : {}),
    received_at: drp.createdAt.toISOString(),
  }
  if (drp.revokedAt) {
    return { ...base, status: 'revoked', processing_details: `Revoked by the agent on ${day(drp.revokedAt)}; the company stopped working on it.` }
  }
  if (!request) {
    return {
      ...base,
      status: 'expired',
      processing_details: 'The company no longer holds this request (an unconfirmed request is deleted after 7 days, a closed one after the company’s retention period).',
    }
  }
  const expectedBy = request.dueAt ? { expected_by: request.dueAt.toISOString() } : {}
  switch (request.state) {
    case 'unverified':
      return { ...base, status: 'open', processing_details: 'Waiting for the person to confirm their e-mail address: the company e-mailed them a code and a link.' }
    case 'verified':
    case 'in_progress':
    case 'needs_attention':
      return {
        ...base,
        status: 'in_progress',
        ...expectedBy,
        ...(request.extendedAt ? { processing_details: `The company extended its deadline on ${day(request.extendedAt)}, as the law allows; expected_by is the extended date.` } : {}),
      }
    case 'awaiting_subject':
      return {
        ...base,
        status: 'in_progress',
        ...expectedBy,
        processing_details: 'Waiting for the person to answer a question the company e-mailed them; the legal clock may be paused meanwhile, which moves expected_by.',
      }
    case 'completed':
      return {
        ...base,
        status: 'fulfilled',
        results_url: input.resultsUrl,
        processing_details: completedDetails(request.type, request.completedAt, input.erasureSummary),
      }
    case 'rejected':
      return {
        ...base,
        status: 'denied',
        reason: DENIAL_REASONS[request.rejectionGround ?? ''] ?? 'other',
        ...(request.rejectionReason ? { processing_details: request.rejectionReason } : {}),
      }
    case 'duplicate':
      return { ...base, status: 'denied', reason: 'other', processing_details: 'Closed as a duplicate: the same person’s earlier request is handled under its own reference.' }
  }
}

function completedDetails(type: RequestType, completedAt: Date | null, erasureSummary: string | null): string {
  const when = completedAt ? ` on ${day(completedAt)}` : ''
  if (type === 'erasure' && erasureSummary) return `Completed${when}. ${erasureSummary}`
  if (type === 'access') return `Completed${when}: the person downloads their data from the results page after confirming their e-mail address.`
  return `Completed${when}.`
}
