import { describe, expect, it } from 'vitest'
import { workspaceInput } from './workspaces.server'
import { SLUG_MAX, numberedSlug, suggestSlug } from './slug-suggestion'

describe('suggestSlug', () => {
  it.each([
    ['Newco', 'newco'],
    ['Newco Ltd.', 'newco-ltd'],
    ['  Crème Brûlée & Co  ', 'creme-brulee-and-co'],
    ['Zürich Bank AG', 'zurich-bank-ag'],
    ['---', ''],
    ['北京', ''],
    ['A'.repeat(60), 'a'.repeat(SLUG_MAX)],
    [`${'a'.repeat(47)} b`, 'a'.repeat(47)],
  ])('%j → %j', (company, slug) => {
    expect(suggestSlug(company)).toBe(slug)
  })

  it('always makes an address the workspace rules accept, or nothing', () => {
    for (const company of ['Acme', 'Ünïcödé GmbH', `${'x'.repeat(47)}-y`, 'a\u0000b', '1-800 Flowers']) {
      const slug = suggestSlug(company)
      if (slug !== '') expect(workspaceInput.shape.slug.safeParse(slug).success).toBe(true)
    }
  })
})

describe('numberedSlug', () => {
  it('adds the number and still fits in 48 characters', () => {
    expect(numberedSlug('acme', 2)).toBe('acme-2')
    expect(numberedSlug(`${'a'.repeat(44)}-bcd`, 9)).toBe(`${'a'.repeat(44)}-b-9`)
    expect(numberedSlug(`${'a'.repeat(44)}-bcd`, 9)).toHaveLength(SLUG_MAX)
    expect(numberedSlug(`${'a'.repeat(45)}-b`, 3)).toBe(`${'a'.repeat(45)}-3`)
  })
})
