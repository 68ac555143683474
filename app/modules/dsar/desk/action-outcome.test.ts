import { describe, expect, it } from 'vitest'
import type { Member } from '~/modules/auth/member.server'
import { outcomeOf } from './action-outcome.server'

const me = { user: { id: 'me' } } as Member
const now = new Date('2026-12-03T12:00:00Z')
const event = (kind: string, actor: string | null, minutesAgo = 1) => ({
  kind,
  actor: actor ? { id: actor } : null,
  createdAt: new Date(now.getTime() - minutesAgo * 60_000),
})
const row = (events: ReturnType<typeof event>[], extra: Partial<Parameters<typeof outcomeOf>[1]['row']> = {}) => ({
  state: 'in_progress',
  dueAt: new Date('2027-02-11T00:00:00Z'),
  assignee: null,
  events,
  ...extra,
})
const say = (done: string, r: ReturnType<typeof row>) => outcomeOf(done, { row: r, member: me, timeZone: 'UTC', now })?.message ?? null

describe('the sentence after an action', () => {
  it('says what the member just did, from the request as it is now', () => {
    expect(say('assign', row([event('assigned', 'me')], { assignee: { id: 'me', email: 'me@example.com' } }))).toBe('Assigned to you.')
    expect(say('assign', row([event('assigned', 'me')], { assignee: { id: 'x', email: 'kim@example.com' } }))).toBe('Assigned to kim@example.com.')
    expect(say('extend', row([event('extended', 'me')]))).toBe(
      'Deadline extended to Wednesday, 10 February 2027 (2027-02-10); the requester is e-mailed the new date and the reason.',
    )
    expect(say('complete', row([event('completed', 'me')], { state: 'completed' }))).toBe('Request completed; the requester is e-mailed the outcome.')
  })

  it('says nothing when the request does not bear it out', () => {
    // A link claiming an action nobody took, someone else's action, an old one, or a state that disagrees.
    expect(say('complete', row([event('verified', null)]))).toBeNull()
    expect(say('reply', row([event('message', 'someone-else')]))).toBeNull()
    expect(say('reply', row([event('message', 'me', 11)]))).toBeNull()
    expect(say('reply', row([event('message', 'me'), event('note', 'me')]))).toBeNull()
    expect(say('complete', row([event('completed', 'me')], { state: 'in_progress' }))).toBeNull()
    expect(say('toString', row([event('note', 'me')]))).toBeNull()
  })
})
