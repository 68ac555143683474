import { describe, expect, it } from 'vitest'
import { tooManySent, tryAgainIn } from './try-again'

describe('tryAgainIn', () => {
  it.each([
    [0, 'Please try again in 1 minute.'],
    [1, 'Please try again in 1 minute.'],
    [60, 'Please try again in 1 minute.'],
    [61, 'Please try again in 2 minutes.'],
    [3600, 'Please try again in 60 minutes.'],
    [7200, 'Please try again in 120 minutes.'],
    [7201, 'Please try again in 3 hours.'],
    [86_400, 'Please try again in 24 hours.'],
  ])('%i s → %s', (seconds, words) => {
    expect(tryAgainIn(seconds)).toBe(words)
  })
})

describe('tooManySent', () => {
  it('says "from here" only when the address was counted', () => {
    expect(tooManySent('requests', 'address', 120)).toBe('Too many requests were sent from here in a short time. Please try again in 2 minutes.')
    expect(tooManySent('requests', 'email', 120)).toBe(
      'Too many requests were sent for this e-mail address recently. Please try again in 2 minutes.',
    )
  })
})
