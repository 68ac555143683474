import { describe, expect, it } from 'vitest'
import { REQUEST_STATE_KEYS, type RequestState } from '~/modules/dsar/request-kinds'
import { type StatusInput, exerciseStatus } from './exercise-status'

const created = new Date('2026-12-01T10:00:00Z')
const due = new Date('2027-01-15T08:00:00Z')

function input(state: RequestState | null, overrides: Partial<NonNullable<StatusInput['request']>> = {}, drp: Partial<StatusInput['drp']> = {}): StatusInput {
  return {
    drp: { id: 'c789ff35-7644-4ceb-9981-4b35c264aac3', agentRequestId: 'foo', createdAt: created, revokedAt: null, ...drp },
    request: state === null ? null : {
      type: 'erasure', state, dueAt: state === 'unverified' ? null : due, extendedAt: null, completedAt: null,
      rejectionGround: null, rejectionReason: null, ...overrides,
    },
    resultsUrl: 'https://candor.example/p/acme/requests/R-1',
    erasureSummary: 'Erased from every system listed on 2 Dec 2026.',
  }
}

describe('the Exercise Status of each Candor state', () => {
  it.each<[RequestState | null, string, string | undefined]>([
    ['unverified', 'open', undefined],
    ['verified', 'in_progress', undefined],
    ['in_progress', 'in_progress', undefined],
    ['needs_attention', 'in_progress', undefined],
    ['awaiting_subject', 'in_progress', undefined],
    ['completed', 'fulfilled', undefined],
    ['rejected', 'denied', 'other'],
    ['duplicate', 'denied', 'other'],
    [null, 'expired', undefined],
  ])('%s → %s (%s)', (state, status, reason) => {
    const out = exerciseStatus(input(state))
    expect(out.status).toBe(status)
    expect(out.reason).toBe(reason)
    expect(out.request_id).toBe('c789ff35-7644-4ceb-9981-4b35c264aac3')
    expect(out.agent_request_id).toBe('foo')
    expect(out.received_at).toBe(created.toISOString())
  })

  it('maps every Candor state (a new state fails here until it is mapped)', () => {
    for (const state of REQUEST_STATE_KEYS) expect(() => exerciseStatus(input(state))).not.toThrow()
    expect(REQUEST_STATE_KEYS).toHaveLength(8)
  })

  it('gives expected_by from the deadline once in progress, never while open', () => {
    expect(exerciseStatus(input('in_progress')).expected_by).toBe(due.toISOString())
    expect(exerciseStatus(input('unverified')).expected_by).toBeUndefined()
  })

  it('says why expected_by moved when the deadline was extended', () => {
    const out = exerciseStatus(input('in_progress', { extendedAt: new Date('2026-12-20T00:00:00Z') }))
    expect(out.processing_details).toContain('extended its deadline on 2026-12-20')
  })

  it.each([
    ['identity_not_verified', 'insuf_verification'],
    ['excessive', 'too_many_requests'],
    ['exemption', 'claim_not_covered'],
    ['manifestly_unfounded', 'other'],
    ['withdrawn', 'other'],
  ])('a refusal on the ground %s is denied/%s, with the company’s explanation', (ground, reason) => {
    const out = exerciseStatus(input('rejected', { rejectionGround: ground, rejectionReason: 'Because.' }))
    expect(out).toMatchObject({ status: 'denied', reason, processing_details: 'Because.' })
  })

  it('is revoked once the agent revoked it, whatever Candor’s state', () => {
    const out = exerciseStatus(input('rejected', { rejectionGround: 'withdrawn' }, { revokedAt: new Date('2026-12-02T00:00:00Z') }))
    expect(out).toMatchObject({ status: 'revoked' })
    expect(out.reason).toBeUndefined()
  })

  it('words a fulfilled erasure by its erasure statement, and points to the results page', () => {
    const out = exerciseStatus(input('completed', { completedAt: new Date('2026-12-03T00:00:00Z') }))
    expect(out.processing_details).toBe('Completed on 2026-12-03. Erased from every system listed on 2 Dec 2026.')
    expect(out.results_url).toBe('https://candor.example/p/acme/requests/R-1')
  })

  it('leaves agent_request_id out when the agent sent none', () => {
    expect('agent_request_id' in exerciseStatus(input('in_progress', {}, { agentRequestId: null }))).toBe(false)
  })
})
