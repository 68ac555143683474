// The requester's steps say only what the record shows: a step without its moment is not reached.
import { describe, expect, it } from 'vitest'
import { type StepFacts, requestSteps } from './request-steps'

const day = (n: number) => new Date(Date.UTC(2026, 11, n, 10))
const base: StepFacts = {
  type: 'erasure',
  state: 'unverified',
  submittedAt: day(1),
  receivedAt: null,
  workStartedAt: null,
  exportReleasedAt: null,
  completedAt: null,
  rejectedAt: null,
  duplicateAt: null,
}
const reached = (facts: StepFacts) =>
  requestSteps(facts, 'Acme')
    .steps.filter((step) => step.at)
    .map((step) => step.key)

describe('requestSteps', () => {
  it('a filed, unconfirmed request has reached only "received"', () => {
    expect(requestSteps(base, 'Acme')).toMatchObject({ current: 0 })
    expect(reached(base)).toEqual(['received'])
  })

  it('an erasure has no "ready" step; completed is the last, and current', () => {
    const done = { ...base, state: 'completed' as const, receivedAt: day(2), workStartedAt: day(2), completedAt: day(4) }
    const { steps, current } = requestSteps(done, 'Acme')
    expect(steps.map((step) => step.key)).toEqual(['received', 'verified', 'in_progress', 'completed'])
    expect(current).toBe(3)
  })

  it('an access request is "ready" only once the export is released', () => {
    const working = { ...base, type: 'access' as const, state: 'in_progress' as const, receivedAt: day(2), workStartedAt: day(2) }
    expect(reached(working)).toEqual(['received', 'verified', 'in_progress'])
    expect(reached({ ...working, exportReleasedAt: day(3) })).toEqual(['received', 'verified', 'in_progress', 'ready'])
  })

  it('a rejected request says "Rejected", not "Completed", and skips what never happened', () => {
    const rejected = { ...base, type: 'access' as const, state: 'rejected' as const, receivedAt: day(2), workStartedAt: day(3), rejectedAt: day(3) }
    const { steps, current } = requestSteps(rejected, 'Acme')
    expect(steps.at(-1)).toMatchObject({ key: 'rejected', label: 'Rejected' })
    expect(steps.some((step) => step.key === 'completed')).toBe(false)
    expect(reached(rejected)).toEqual(['received', 'verified', 'in_progress', 'rejected'])
    expect(current).toBe(steps.length - 1)
  })

  it('a duplicate ends "Closed as a duplicate", neither completed nor rejected', () => {
    const duplicate = { ...base, type: 'access' as const, state: 'duplicate' as const, receivedAt: day(2), workStartedAt: day(2), duplicateAt: day(3) }
    const { steps, current } = requestSteps(duplicate, 'Acme')
    expect(steps.at(-1)).toMatchObject({ key: 'duplicate', label: 'Closed as a duplicate' })
    expect(steps.some((step) => step.key === 'completed' || step.key === 'rejected' || step.key === 'ready')).toBe(false)
    expect(reached(duplicate)).toEqual(['received', 'verified', 'in_progress', 'duplicate'])
    expect(current).toBe(steps.length - 1)
  })

  it('a request waiting for the requester says so in its current step', () => {
    const waiting = { ...base, state: 'awaiting_subject' as const, receivedAt: day(2), workStartedAt: day(3) }
    const { steps, current } = requestSteps(waiting, 'Acme')
    expect(steps[current]).toMatchObject({ key: 'in_progress', detail: 'Acme is waiting for your answer.' })
  })
})
