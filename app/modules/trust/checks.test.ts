import { describe, expect, it } from 'vitest'
import { STALE_AFTER_MS, checkState, staleAt } from './checks'

const now = new Date('2026-11-23T12:00:00Z')
const result = (passed: boolean, ageMs: number) => ({ passed, checkedAt: new Date(now.getTime() - ageMs), passedAt: null, summary: '' })
const HOUR = 60 * 60 * 1000

describe('a live check as visitors see it', () => {
  it.each([
    ['never computed', undefined, 'unverified'],
    ['passed an hour ago', result(true, HOUR), 'passing'],
    ['failed an hour ago', result(false, HOUR), 'failing'],
    ['passed exactly 48 hours ago', result(true, STALE_AFTER_MS), 'passing'],
    ['passed 48 hours and a second ago', result(true, STALE_AFTER_MS + 1000), 'stale'],
    ['failed three days ago', result(false, 72 * HOUR), 'stale'],
  ] as const)('%s: %s', (_, stored, state) => {
    expect(checkState(stored, now)).toBe(state)
  })

  it('says when a fresh result turns stale, so a cached page is rendered again by then', () => {
    expect(staleAt(result(true, HOUR), now)!.getTime()).toBe(now.getTime() - HOUR + STALE_AFTER_MS + 1)
    expect(checkState(result(true, HOUR), staleAt(result(true, HOUR), now)!)).toBe('stale')
    expect(staleAt(result(true, 72 * HOUR), now)).toBeNull()
    expect(staleAt(undefined, now)).toBeNull()
  })

  it('stops showing a passing result once what it rests on is too old (holdsUntil), before it is 48 hours old', () => {
    const holds = { ...result(true, HOUR), holdsUntil: new Date(now.getTime() + HOUR) }
    expect(checkState(holds, now)).toBe('passing')
    expect(checkState(holds, new Date(now.getTime() + HOUR + 1))).toBe('stale')
    expect(staleAt(holds, now)!.getTime()).toBe(now.getTime() + HOUR + 1)
    // A failing result says what it found until it is 48 hours old: holdsUntil is for passes.
    expect(checkState({ ...result(false, HOUR), holdsUntil: new Date(now.getTime() - HOUR) }, now)).toBe('failing')
  })
})
