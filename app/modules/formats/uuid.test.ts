import { describe, expect, it } from 'vitest'
import { isUuid } from './uuid'

describe('isUuid', () => {
  it.each([
    ['3f2b8c1e-9d4a-4e6b-8a7c-1d2e3f4a5b6c', true],
    ['3F2B8C1E-9D4A-4E6B-8A7C-1D2E3F4A5B6C', true],
    ['3f2b8c1e9d4a4e6b8a7c1d2e3f4a5b6c', false],
    ['3f2b8c1e-9d4a-4e6b-8a7c-1d2e3f4a5b6c ', false],
    ['../etc/passwd', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected)
  })
})
