import { describe, expect, it } from 'vitest'
import { isHostName, malformedRequestProblem, requestTargetProblem } from './request-target'

describe('isHostName', () => {
  it.each(['candor.example', 'candor.example:443', '127.0.0.1:3000', '[::1]:65535', 'localhost', undefined])(
    'accepts %s',
    (host) => expect(isHostName(host)).toBe(true),
  )
  it.each(['127.0.0.1:99999', 'candor.example:65536', 'a b', 'evil.example/x', 'x:', ''])('refuses %s', (host) =>
    expect(isHostName(host)).toBe(false),
  )
})

describe('requestTargetProblem', () => {
  it.each(['/', '/t/acme', '/t/acme/?x=1', '/w/acme/audit?q=caf%C3%A9&page=2', '/p/acme/requests/PR-1%2F2', '/api/v1/requests?limit=10'])(
    'serves %s',
    (target) => expect(requestTargetProblem(target)).toBeNull(),
  )
  it.each([
    ['/t/x%00', /control character/],
    ['/p/x%00/status', /control character/],
    ['/w/x%00/requests', /control character/],
    ['/t/acme%0A', /control character/],
    ['/t/acme%7F', /control character/],
    ['/p/%E0%A4%A', /malformed/],
    ['/p/%C3%28', /malformed/],
    ['/p/%', /malformed/],
    ['/account/confirm?next=%00', /query/],
    ['/w/acme/audit?%00=1', /query/],
  ])('refuses %s', (target, message) => expect(requestTargetProblem(target)).toMatch(message))
})

describe('malformedRequestProblem', () => {
  it('judges the Host header first, then the address', () => {
    expect(malformedRequestProblem({ url: '/healthz', headers: { host: '127.0.0.1:99999' } })).toMatch(/Host header/)
    expect(malformedRequestProblem({ url: '/t/x%00', headers: { host: '127.0.0.1:3000' } })).toMatch(/control/)
    expect(malformedRequestProblem({ url: '/healthz', headers: { host: '127.0.0.1:3000' } })).toBeNull()
  })
})
