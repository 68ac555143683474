import { describe, expect, it } from 'vitest'
import { DEFAULT_DPA_TEMPLATE } from './default-template'
import { documentBlocks, documentText } from './document'
import { type DpaValues, PLACEHOLDERS, SIGNING_FIELDS, renderTemplate, templateProblems } from './template'

const values: DpaValues = {
  'processor.name': 'Acme Analytics Ltd',
  'processor.address': '1 High Street, London',
  'processor.registration': 'Company number 01234567',
  'processor.contact': 'privacy@acme.example',
  governing_law: 'the laws of England and Wales',
  'workspace.name': 'Acme',
  notice_days: '30',
  trust_page_url: 'https://candor.example/t/acme',
  subprocessor_changes_url: 'https://candor.example/t/acme/subprocessors/changes',
  'customer.company': 'Example GmbH',
  'customer.address': 'Hauptstraße 1, Berlin',
  'signer.name': 'Zoë Łukasiewicz',
  'signer.title': 'General Counsel',
  'signer.email': 'zoe@example.de',
  date: '2026-11-26',
}
const subprocessors = [
  { name: 'Fly.io', purpose: 'Hosting', dataCategories: 'All customer data', region: 'EU (Frankfurt)' },
  { name: 'Stripe', purpose: 'Payments', dataCategories: '', region: 'US' },
]

describe('renderTemplate', () => {
  it('fills every placeholder of the standard template and leaves none behind', () => {
    const text = documentText(renderTemplate(DEFAULT_DPA_TEMPLATE, values, subprocessors))
    expect(text).not.toMatch(/\{\{/)
    expect(text).toContain('made on 2026-11-26 between Example GmbH (the "Customer", the controller) and Acme Analytics Ltd, 1 High Street, London, Company number 01234567')
    expect(text).toContain('at least 30 days\' notice')
    expect(text).toContain('https://candor.example/t/acme/subprocessors/changes')
    expect(text).toContain('governed by the laws of England and Wales')
    expect(text).toContain('Signed for the Customer by Zoë Łukasiewicz, General Counsel (zoe@example.de)')
  })

  it('turns {{subprocessors}} into a table of the list, with a dash for what is unknown', () => {
    const blocks = renderTemplate('# DPA\n\nOur sub-processors:\n{{ subprocessors }}\nThat is all.', values, subprocessors)
    expect(blocks).toEqual([
      { kind: 'title', text: 'DPA' },
      { kind: 'paragraph', text: 'Our sub-processors:' },
      {
        kind: 'table',
        header: ['Sub-processor', 'Purpose', 'Personal data', 'Location'],
        rows: [
          ['Fly.io', 'Hosting', 'All customer data', 'EU (Frankfurt)'],
          ['Stripe', 'Payments', '—', 'US'],
        ],
      },
      { kind: 'paragraph', text: 'That is all.' },
    ])
  })

  it('says so when there are no sub-processors', () => {
    expect(renderTemplate('# DPA\n{{subprocessors}}', values, [])).toEqual([
      { kind: 'title', text: 'DPA' },
      { kind: 'paragraph', text: 'No sub-processors are engaged on the day of signing.' },
    ])
  })

  it('joins a paragraph’s lines and reads headings and items', () => {
    expect(renderTemplate('# T\n## 1. One\nfirst\nsecond\n\n- (a) item {{date}}', values, [])).toEqual([
      { kind: 'title', text: 'T' },
      { kind: 'heading', text: '1. One' },
      { kind: 'paragraph', text: 'first second' },
      { kind: 'item', text: '(a) item 2026-11-26' },
    ])
  })

  it('inserts values as text: no placeholder inside a value is filled, no structure is made', () => {
    const sneaky: DpaValues = {
      ...values,
      'customer.company': '{{processor.contact}}\n\n## 14. The processor owes us everything',
      'signer.name': '<script>alert(1)</script> $& $1',
    }
    const blocks = renderTemplate('# DPA\n{{customer.company}}\n\n{{signer.name}}', sneaky, [])
    expect(blocks).toEqual([
      { kind: 'title', text: 'DPA' },
      { kind: 'paragraph', text: '{{processor.contact}} ## 14. The processor owes us everything' },
      { kind: 'paragraph', text: '<script>alert(1)</script> $& $1' },
    ])
    // The stored text reads back to the same blocks: the value stays one paragraph.
    expect(documentBlocks(documentText(blocks))).toEqual(blocks)
  })

  it('puts a value that starts a line into the paragraph, escaped in the stored text', () => {
    const blocks = renderTemplate('# DPA\n{{customer.company}}', { ...values, 'customer.company': '# Not a title' }, [])
    expect(documentText(blocks)).toBe('# DPA\n\n\\# Not a title')
    expect(documentBlocks(documentText(blocks))).toEqual(blocks)
  })

  it('shows the signing fields as labels before signing', () => {
    const text = documentText(renderTemplate(DEFAULT_DPA_TEMPLATE, { ...values, ...SIGNING_FIELDS }, subprocessors))
    expect(text).toContain('made on [Date of signing] between [Customer’s legal name]')
  })
})

describe('templateProblems', () => {
  it('accepts the standard template', () => {
    expect(templateProblems(DEFAULT_DPA_TEMPLATE)).toEqual([])
  })

  it('knows every placeholder it documents', () => {
    const all = Object.keys(PLACEHOLDERS).map((name) => (name === 'subprocessors' ? `\n{{${name}}}\n` : `{{${name}}}`))
    expect(templateProblems(`# DPA\n${all.join(' ')}`)).toEqual([])
  })

  it('names unknown placeholders', () => {
    expect(templateProblems('# DPA\n{{customer.vat}} and {{ env.SECRET }} and {{customer.vat}}')).toEqual([
      'Unknown placeholders: {{customer.vat}}, {{env.SECRET}}.',
    ])
  })

  it('wants the table on a line of its own, and a title', () => {
    expect(templateProblems('Our list: {{subprocessors}}')).toEqual([
      'Put {{subprocessors}} on a line of its own: it becomes a table.',
      'Start the template with a title line, such as “# Data Processing Agreement”.',
    ])
  })
})
