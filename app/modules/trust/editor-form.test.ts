import { describe, expect, it } from 'vitest'
import { listOpOnForm, readSectionForm, submittedRowCount } from './editor-form'

/** A section's form as the browser sends it: every name starts with the section's id. */
const formOf = (section: string, fields: Record<string, string>) => {
  const data = new FormData()
  data.set('intent', 'save')
  for (const [key, value] of Object.entries(fields)) data.set(`${section}.${key}`, value)
  return data
}

describe('the trust-page section forms', () => {
  it('reads a list, dropping rows left entirely empty', () => {
    const read = readSectionForm('faq', formOf('faq', {
        rows: '4',
        'question.0': 'Where is data stored?',
        'answer.0': 'In the EU.',
        'question.1': ' ',
        'answer.1': '',
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

  it('applies a list button to the rows as submitted, typed text included, and saves nothing', () => {
    const form = formOf('residency', {
      summary: 'In the EU, typed',
      'locations.rows': '3',
      'locations.label.0': 'Database',
      'locations.place.0': 'Frankfurt',
      'locations.label.1': 'Backups',
      'locations.place.1': 'Dublin',
      'locations.label.2': '',
      'locations.place.2': '',
    })
    expect(listOpOnForm('residency', form, 'up:1', 'location')).toEqual({
      ok: true,
      focus: 'residency.locations.label.0',
      values: {
        summary: 'In the EU, typed',
        'locations.rows': '3',
        'locations.label.0': 'Backups',
        'locations.place.0': 'Dublin',
        'locations.label.1': 'Database',
        'locations.place.1': 'Frankfurt',
        'locations.label.2': '',
        'locations.place.2': '',
      },
    })
    const added = listOpOnForm('highlights', formOf('highlights', { rows: '1', 'title.0': 'Encrypted', 'body.0': '', 'check.0': '' }), 'add', 'highlight')
    expect(added).toMatchObject({ ok: true, focus: 'highlights.title.1', values: { rows: '2', 'title.0': 'Encrypted', 'title.1': '', 'check.1': '' } })
  })

  it('refuses a list button outside the list, one it does not offer, or on a section without a list', () => {
    const form = formOf('faq', { rows: '2', 'question.0': 'Q1', 'answer.0': 'A1', 'question.1': 'Q2', 'answer.1': 'A2' })
    expect(listOpOnForm('faq', form, 'down:7', 'question')).toMatchObject({ ok: false, message: 'There is no question 8: the list has 2 items. Reload the page and try again.', values: { 'question.1': 'Q2' } })
    expect(listOpOnForm('faq', form, 'down:1', 'question')).toMatchObject({ ok: false, message: 'Question 2 is already last: it cannot move down.' })
    for (const op of ['swap:1', 'up:99999', 'up:-1', 'up:1\u0000', undefined]) {
      expect(listOpOnForm('faq', form, op, 'question')).toMatchObject({ ok: false, message: op === undefined ? 'Choose what to do with the list.' : 'That list operation is not one this page offers.' })
    }
    expect(listOpOnForm('contact', formOf('contact', { email: '' }), 'add', 'item')).toMatchObject({ ok: false, message: 'This section has no list to change.' })
  })
})
