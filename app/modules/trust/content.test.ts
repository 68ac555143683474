import { describe, expect, it } from 'vitest'
import { canonicalJson, emptyContent, readContent, trustContentSchema } from './content'

const valid = () => ({
  ...emptyContent('Example'),
  highlights: [{ title: 'SSO', body: 'For everyone', check: 'two_factor' }],
  certifications: [{ name: 'ISO 27001', status: 'in_progress', date: '2027-03-31', note: '' }],
  contact: { email: 'security@example.com', text: '' },
  lastReviewed: '2026-11-01',
})

describe('the trust-page content schema', () => {
  it('accepts a whole page and trims its text', () => {
    const page = trustContentSchema.parse({ ...valid(), overview: { headline: '  Security at Example  ', summary: '' } })
    expect(page.overview.headline).toBe('Security at Example')
    expect(page.highlights[0]!.check).toBe('two_factor')
  })

  it.each([
    [{ overview: { headline: '', summary: '' } }, 'Enter a headline.'],
    [{ highlights: [{ title: 'x'.repeat(81), body: '', check: '' }] }, 'A title for the highlight is too long: use at most 80 characters.'],
    [{ highlights: [{ title: 'A', body: '', check: 'always_green' }] }, 'Choose a check from the list.'],
    [{ certifications: [{ name: 'SOC 2', status: 'done', date: '', note: '' }] }, 'Choose a status from the list.'],
    [{ certifications: [{ name: 'SOC 2', status: 'planned', date: '31/03/2027', note: '' }] }, 'Write the date as YYYY-MM-DD, e.g. 2026-03-31.'],
    [{ certifications: [{ name: 'SOC 2', status: 'planned', date: '2027-02-30', note: '' }] }, 'The date is not a real date.'],
    [{ contact: { email: 'not an address', text: '' } }, 'Enter a valid e-mail address, e.g. security@example.com.'],
    [{ controls: [{ group: 'physical', title: 'Locks', description: '' }] }, 'Choose a group from the list.'],
    [{ faq: [{ question: 'Why?', answer: '' }] }, 'Enter the answer.'],
  ])('refuses %j with a message in plain words', (change, message) => {
    const result = trustContentSchema.safeParse({ ...valid(), ...change })
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.message).toBe(message)
  })

  it('reads back stored content, or the empty page when it is unreadable', () => {
    expect(readContent(valid(), 'Example').lastReviewed).toBe('2026-11-01')
    expect(readContent({ nonsense: true }, 'Example')).toEqual(emptyContent('Example'))
  })

  it('hashes equal content the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe(canonicalJson({ a: [{ c: 'x', d: 2 }], b: 1 }))
    expect(canonicalJson({ a: 1 })).toBe('{"a":1}')
  })
})
