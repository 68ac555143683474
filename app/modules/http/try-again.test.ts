import { describe, expect, it } from 'vitest'
import { tryAgainIn } from './try-again'

describe('tryAgainIn', () => {
  it.each([
    [0, 'Please try again in 1 minute.'],
    [1, 'Please try again in 1 minute.'],
    [60, 'Please try again in 1 minute.'],
    [61, 'Please try again in 2 minutes.'],
    [3600, 'Please try again in 60 minutes.'],
  ])('%i s → %s', (seconds, words) => {
    expect(tryAgainIn(seconds)).toBe(words)
  })
})
