import { describe, expect, it } from 'vitest'
import { docSearchQuery, searchDocs } from './search.server'
import { DOC_PAGES } from './site.server'

describe('searchDocs', () => {
  it('finds pages that hold every word, a title match first', () => {
    const results = searchDocs('webhooks')
    expect(results[0]!.title).toBe('Webhooks')
    expect(searchDocs('systemd caddy').map((r) => r.slug)).toEqual(['deploy-node'])
    // Variable names keep their underscores.
    expect(searchDocs('BACKUP_DRILL_DATABASE_URL').map((r) => r.slug)).toContain('configuration')
  })

  it('marks each word in a snippet of plain text around the first match', () => {
    const [result] = searchDocs('Standard Webhooks')
    const text = result!.snippet.map((part) => part.text).join('')
    expect(text.length).toBeLessThanOrEqual(182)
    expect(text).not.toMatch(/[`*#]|\]\(/)
    const marked = result!.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())
    expect(marked.length).toBeGreaterThan(0)
    for (const word of marked) expect(['standard', 'webhooks']).toContain(word)
  })

  it('finds nothing when one word is on no page', () => {
    expect(searchDocs('backup quokka')).toEqual([])
  })
})

describe('docSearchQuery', () => {
  it('takes 2 to 100 characters on one line', () => {
    expect(docSearchQuery.parse('  KEK  ')).toBe('KEK')
    for (const bad of ['x', 'a'.repeat(101), 'a\u2028b', 'a\u0085b']) expect(docSearchQuery.safeParse(bad).success, bad).toBe(false)
  })
})

describe('DOC_PAGES', () => {
  it('has a title for every page and unique slugs', () => {
    expect(new Set(DOC_PAGES.map((page) => page.slug)).size).toBe(DOC_PAGES.length)
    for (const page of DOC_PAGES) expect(page.title.length, page.slug).toBeGreaterThan(2)
  })
})
