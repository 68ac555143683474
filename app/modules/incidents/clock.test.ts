import { describe, expect, it } from 'vitest'
import { type ClockFacts, clockBadge, dueReminderStep, durationLabel, incidentClock } from './clock'

const HOUR = 60 * 60 * 1000
const aware = new Date('2026-12-01T09:00:00Z')
const at = (hours: number) => new Date(aware.getTime() + hours * HOUR)
const facts = (extra: Partial<ClockFacts> = {}): ClockFacts => ({ awareAt: aware, authorityNotifiedAt: null, delayReason: '', notReportableAt: null, ...extra })

describe('the 72-hour clock', () => {
  it('runs from awareness, due 72 hours later, honest to the minute', () => {
    const clock = incidentClock(facts(), at(70.5))
    expect(clock).toEqual({ state: 'running', dueAt: at(72), msLeft: 1.5 * HOUR })
    expect(clockBadge(clock)).toEqual({ kind: 'due_soon', label: '1 h 30 min left to notify' })
    expect(clockBadge(incidentClock(facts(), at(1)))).toEqual({ kind: 'on_track', label: '2 days 23 h left to notify' })
    // 59 seconds left is not a minute.
    expect(clockBadge(incidentClock(facts(), new Date(at(72).getTime() - 59_000))).label).toBe('0 min left to notify')
  })

  it('is overdue from the 72nd hour on while nothing stops it', () => {
    expect(incidentClock(facts(), at(72)).state).toBe('overdue')
    expect(clockBadge(incidentClock(facts(), at(75.25)))).toEqual({ kind: 'overdue', label: 'Overdue by 3 h 15 min: authority not notified' })
  })

  it('stops when the authority is notified: in time up to the 72nd hour, late after it', () => {
    expect(incidentClock(facts({ authorityNotifiedAt: at(72) }), at(100))).toMatchObject({ state: 'notified_in_time', notifiedAt: at(72) })
    expect(incidentClock(facts({ authorityNotifiedAt: at(72.01), delayReason: 'Forensics' }), at(100))).toMatchObject({
      state: 'notified_late',
      delayReason: 'Forensics',
    })
  })

  it('stops when "not reportable" is recorded', () => {
    const clock = incidentClock(facts({ notReportableAt: at(5) }), at(200))
    expect(clock).toMatchObject({ state: 'not_reportable', decidedAt: at(5) })
    expect(clockBadge(clock).kind).toBe('on_track')
  })

  it('writes durations in whole minutes, rounded down', () => {
    expect(durationLabel(0)).toBe('0 min')
    expect(durationLabel(61 * 60 * 1000 - 1)).toBe('1 h 00 min')
    expect(durationLabel(25 * HOUR)).toBe('1 day 1 h')
  })
})

describe('the reminder due', () => {
  it.each([
    [23.9, null],
    [24, '24h'],
    [47, '24h'],
    [48, '48h'],
    [60, '60h'],
    [71.9, '60h'],
  ] as const)('at %s h after awareness is %s', (hours, step) => {
    expect(dueReminderStep(incidentClock(facts(), at(hours)), aware, at(hours))).toBe(step)
  })

  it('is none once the clock has stopped or run out', () => {
    expect(dueReminderStep(incidentClock(facts({ authorityNotifiedAt: at(30) }), at(50)), aware, at(50))).toBeNull()
    expect(dueReminderStep(incidentClock(facts({ notReportableAt: at(30) }), at(50)), aware, at(50))).toBeNull()
    expect(dueReminderStep(incidentClock(facts(), at(72)), aware, at(72))).toBeNull()
  })
})
