import { describe, expect, it } from 'vitest'
import { stepToSend } from './reminder-steps'

const at = (day: number) => new Date(Date.UTC(2027, 0, day))
// A deadline at the start of 31 January, with reminders 7 and 2 days before.
const steps = [
  { step: 'overdue', opensAt: at(31) },
  { step: 'due_in_7_days', opensAt: at(24) },
  { step: 'due_in_2_days', opensAt: at(29) },
]
const started = at(1)

describe('the reminder step to send', () => {
  it('is nothing before the first step opens, then each step in turn', () => {
    expect(stepToSend(steps, { startedAt: started, now: at(23), sent: [] })).toBeNull()
    expect(stepToSend(steps, { startedAt: started, now: at(24), sent: [] })).toBe('due_in_7_days')
    expect(stepToSend(steps, { startedAt: started, now: at(29), sent: ['due_in_7_days'] })).toBe('due_in_2_days')
    expect(stepToSend(steps, { startedAt: started, now: at(31), sent: ['due_in_7_days', 'due_in_2_days'] })).toBe('overdue')
  })

  it('sends a step once', () => {
    expect(stepToSend(steps, { startedAt: started, now: at(25), sent: ['due_in_7_days'] })).toBeNull()
    expect(stepToSend(steps, { startedAt: started, now: at(40), sent: ['overdue'] })).toBeNull()
  })

  it('sends only the most urgent step when runs were missed', () => {
    expect(stepToSend(steps, { startedAt: started, now: at(30), sent: [] })).toBe('due_in_2_days')
    expect(stepToSend(steps, { startedAt: started, now: at(35), sent: [] })).toBe('overdue')
  })

  it('never sends a step after a more urgent one', () => {
    expect(stepToSend(steps, { startedAt: started, now: at(30), sent: ['overdue'] })).toBeNull()
    expect(stepToSend(steps, { startedAt: started, now: at(25), sent: ['due_in_2_days'] })).toBeNull()
  })

  it('skips a step that was already open when the clock started', () => {
    expect(stepToSend(steps, { startedAt: at(26), now: at(27), sent: [] })).toBeNull()
    expect(stepToSend(steps, { startedAt: at(26), now: at(29), sent: [] })).toBe('due_in_2_days')
    expect(stepToSend(steps, { startedAt: at(30), now: at(31), sent: [] })).toBe('overdue')
  })

  it('ignores steps sent that this deadline does not have', () => {
    expect(stepToSend(steps, { startedAt: started, now: at(24), sent: ['acknowledge_overdue'] })).toBe('due_in_7_days')
  })
})
