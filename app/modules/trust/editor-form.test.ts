import { describe, expect, it } from 'vitest'
import { formRows, readSectionForm, submittedRowCount } from './editor-form'

/** A section's form as the browser sends it: every name starts with the section's id. */
const formOf = (section: string, fields: Record<string, string>) => {
  const data = new FormData()
  data.set('intent', 'save')
  for (const [key, value] of Object.entries(fields)) data.set(`${section}.${key}`, value)
  return data
}

describe('the trust-page section forms', () => {
  it('reads a list, dropping blank rows and rows ticked for removal', () => {
    const read = readSectionForm('faq', formOf('faq', {
        rows: '4',
        'question.0': 'Where is data stored?',
        'answer.0': 'In the EU.',
        'question.1': 'Old question',
        'answer.1': 'Old answer',
        'remove.1': 'on',
        'question.2': '',
        'answer.2': '',
        'question.3': 'Do you sign DPAs?',
        'answer.3': 'Yes.',
      }),
    )
    expect(read).toEqual({
      ok: true,
      value: [
        { question: 'Where is data stored?', answer: 'In the EU.' },
        { question: 'Do you sign DPAs?', answer: 'Yes.' },
      ],
    })
  })

  it('names the field of the row that needs a correction, counting the rows as shown', () => {
    const read = readSectionForm('certifications', formOf('certifications', { rows: '3', 'name.0': '', 'status.0': 'planned', 'name.2': 'SOC 2', 'status.2': 'planned', 'date.2': 'soon' }))
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.errors).toEqual({ 'date.2': 'Write the date as YYYY-MM-DD, e.g. 2026-03-31.' })
    expect(read.values['date.2']).toBe('soon')
  })

  it('reads the residency section with its own list of locations', () => {
    const read = readSectionForm('residency', formOf('residency', { summary: 'In the EU', 'locations.rows': '2', 'locations.label.0': 'Database', 'locations.place.0': '', 'locations.label.1': '' }))
    expect(read).toEqual({ ok: false, errors: { 'locations.place.0': 'Enter where (e.g. “Frankfurt, Germany (EU)”).' }, values: expect.any(Object) })
  })

  it('reads a hostile row count as a small whole number, so echoing the form cannot allocate without bound', () => {
    expect(['3', '3.9', '-5', '1e9', '4294967296', 'Infinity', 'NaN', '', undefined].map(submittedRowCount)).toEqual([3, 3, 0, 200, 200, 0, 0, 0, 0])
  })

  it('reads single fields and the date', () => {
    expect(readSectionForm('contact', formOf('contact', { email: ' security@example.com ', text: 'Write to us' }))).toEqual({
      ok: true,
      value: { email: 'security@example.com', text: 'Write to us' },
    })
    expect(readSectionForm('lastReviewed', formOf('lastReviewed', { lastReviewed: '2026-13-01' }))).toMatchObject({ ok: false, errors: { lastReviewed: 'The “last reviewed” date is not a real date.' } })
  })

  it('offers the stored items then two blank rows', () => {
    expect(formRows([{ question: 'Q', answer: 'A' }], ['question', 'answer'])).toEqual([
      { question: 'Q', answer: 'A' },
      { question: '', answer: '' },
      { question: '', answer: '' },
    ])
  })
})
