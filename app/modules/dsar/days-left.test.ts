import { describe, expect, it } from 'vitest'
import { daysLeft } from './days-left'

// Due at the end of 2026-12-10 in Amsterdam (UTC+1 in winter): the exclusive end instant.
const dueAt = new Date('2026-12-10T23:00:00Z')
const zone = 'Europe/Amsterdam'

describe('days left', () => {
  it.each([
    ['2026-12-03T12:00:00Z', 7, '7 days left', 'due_soon'],
    ['2026-11-30T12:00:00Z', 10, '10 days left', 'on_track'],
    ['2026-12-09T22:59:59Z', 1, '1 day left', 'due_soon'],
    // 23:30 UTC on the 9th is already the 10th in Amsterdam: the last day.
    ['2026-12-09T23:30:00Z', 0, 'due today', 'due_soon'],
    ['2026-12-10T22:59:59Z', 0, 'due today', 'due_soon'],
    ['2026-12-10T23:00:00Z', -1, '1 day overdue', 'overdue'],
    ['2026-12-15T12:00:00Z', -5, '5 days overdue', 'overdue'],
  ] as const)('at %s: %s', (now, days, label, urgency) => {
    expect(daysLeft(dueAt, zone, new Date(now))).toEqual({ days, label, urgency })
  })

  it('counts in the workspace zone, not UTC', () => {
    // 20:00 UTC on the 10th is the 11th in Tokyo: the Tokyo deadline (end of the 10th there) has passed.
    const tokyoDue = new Date('2026-12-10T15:00:00Z')
    expect(daysLeft(tokyoDue, 'Asia/Tokyo', new Date('2026-12-10T16:00:00Z')).label).toBe('1 day overdue')
    expect(daysLeft(tokyoDue, 'UTC', new Date('2026-12-10T16:00:00Z')).label).toBe('due today')
  })
})
