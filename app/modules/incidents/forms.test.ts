import { describe, expect, it } from 'vitest'
import { authorityForm, fieldErrors, parseUtcDateTime, subjectsForm } from './forms'

const now = new Date('2026-12-04T12:00:00Z')

describe('incident form times (UTC, to the minute)', () => {
  it.each([
    ['', null],
    ['2026-12-01T14:30', new Date('2026-12-01T14:30:00Z')],
    ['2026-02-29T10:00', 'invalid'],
    ['2026-12-01T24:00', 'invalid'],
    ['2026-12-01 14:30', 'invalid'],
    ['1969-12-31T23:59', 'invalid'],
    ['99999-01-01T00:00', 'invalid'],
  ] as const)('reads %j as %s', (value, expected) => {
    expect(parseUtcDateTime(value)).toEqual(expected)
  })
})

describe('the decision on telling the people affected', () => {
  it('needs when and how once they were told, and the public communication for Art. 34(3)(c)', () => {
    const told = subjectsForm(now).safeParse({ subjectsDecision: 'told' })
    expect(told.success || fieldErrors(told.error)).toEqual({
      subjectsToldAt: 'Enter when the people affected were told (UTC).',
      subjectsHow: 'Say how they were told (e-mail, letter, …).',
    })
    const publicly = subjectsForm(now).safeParse({ subjectsDecision: 'exempt_public' })
    expect(publicly.success || fieldErrors(publicly.error)).toEqual({ subjectsHow: 'Describe the public communication (where, when).' })
    // A date typed before choosing another decision is not kept.
    expect(subjectsForm(now).parse({ subjectsDecision: 'exempt_encrypted', subjectsToldAt: '2026-12-02T10:00' })).toMatchObject({ subjectsToldAt: null })
  })
})

describe('the notification to the authority', () => {
  it('refuses a notification in the future and a name over two lines', () => {
    const parsed = authorityForm(now).safeParse({ authorityName: 'CNIL\nParis', authorityNotifiedAt: '2026-12-04T12:01' })
    expect(parsed.success || fieldErrors(parsed.error)).toEqual({
      authorityName: 'Keep the name on one line.',
      authorityNotifiedAt: 'The notification cannot be in the future: record it once it is sent.',
    })
  })
})
