import { describe, expect, it } from 'vitest'
import { emptyContent } from './content'
import { editorSections, neighbours, sectionIdOf } from './editor-sections'

describe("the trust editor's sections", () => {
  it('says which sections are empty, and none changed before the first publish', () => {
    const sections = editorSections(emptyContent('Newco'), null)
    expect(sections.filter((s) => !s.empty).map((s) => s.id)).toEqual([])
    expect(sections.every((s) => s.changed === null)).toBe(true)
  })

  it('compares each section with the published version, and counts a list', () => {
    const published = emptyContent('Newco')
    const draft = { ...published, faq: [{ question: 'Q', answer: 'A' }], contact: { email: 'security@newco.example', text: '' } }
    const sections = editorSections(draft, published)
    const of = (id: string) => sections.find((s) => s.id === id)!
    expect(of('faq')).toMatchObject({ empty: false, changed: true, count: '1 question' })
    expect(of('contact')).toMatchObject({ empty: false, changed: true, count: null })
    expect(of('controls')).toMatchObject({ empty: true, changed: false, count: '0 controls' })
    expect(editorSections(draft, draft).some((s) => s.changed)).toBe(false)
  })

  it('reads a section id from the address, and knows the sections on either side', () => {
    expect(sectionIdOf('faq')).toBe('faq')
    for (const bad of [undefined, '', 'FAQ', '__proto__', 'constructor', 'faq ']) expect(sectionIdOf(bad)).toBeNull()
    expect(neighbours('overview')).toEqual({ previous: null, next: 'highlights' })
    expect(neighbours('lastReviewed')).toEqual({ previous: 'contact', next: null })
  })
})
