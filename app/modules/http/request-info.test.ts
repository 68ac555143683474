import { describe, expect, it } from 'vitest'
import { pagePath } from './request-info'

describe('pagePath', () => {
  it.each([
    ['http://x/account/security', '/account/security'],
    ['http://x/account/security.data', '/account/security'],
    ['http://x/account/security.data?required=Acme&_routes=routes%2Fa', '/account/security?required=Acme'],
    ['http://x/_root.data', '/'],
    ['http://x/w/acme.data?index', '/w/acme'],
  ])('%s → %s', (url, expected) => {
    expect(pagePath(new Request(url))).toBe(expected)
  })
})
