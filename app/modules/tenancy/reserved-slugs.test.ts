import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RESERVED_SLUGS, slugRefusal } from './reserved-slugs'

describe('reserved workspace addresses', () => {
  it("include the first path segment of every one of Candor's URLs", () => {
    const routes = readFileSync(new URL('../../routes.ts', import.meta.url), 'utf8')
    // Top-level routes only (two spaces in): nested ones live under /w/:slug.
    const firstSegments = [...routes.matchAll(/^ {2}route\('([^']+)'/gm)]
      .map((match) => match[1]!.split('/')[0]!.replace(/^\./, ''))
      .filter((segment) => segment && !segment.startsWith(':') && segment !== '*')
    expect(firstSegments.length).toBeGreaterThan(10)
    for (const segment of new Set(firstSegments)) expect([segment, RESERVED_SLUGS.has(segment)]).toEqual([segment, true])
  })

  it('refuse every reserved name, with a message that says so', () => {
    const platform = { slug: 'candor', creating: false }
    for (const slug of ['admin', 'trust', 'www', 'api', 'ops', 'sign-in']) {
      expect(slugRefusal(slug, platform)).toBe(`The address “${slug}” is reserved; choose another.`)
    }
    expect(slugRefusal('acme', platform)).toBeNull()
  })

  it("keep the platform's own address for the platform, whatever it is", () => {
    expect(slugRefusal('example-security', { slug: 'example-security', creating: false })).toMatch(/reserved/)
    expect(slugRefusal('example-security', { slug: 'example-security', creating: true })).toBeNull()
    // Creating the platform's workspace does not open the other reserved names.
    expect(slugRefusal('admin', { slug: 'candor', creating: true })).toMatch(/reserved/)
  })
})
