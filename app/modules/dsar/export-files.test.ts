import { describe, expect, it } from 'vitest'
import { type SummaryInput, notDescribedSentence, summaryHtml, summarySections } from './export-files'

const BLANK_PROFILE: SummaryInput['profile'] = {
  controller: '',
  purposes: '',
  dataCategories: '',
  retention: '',
  sources: '',
  automatedDecisions: '',
  transfers: '',
  supervisoryAuthority: '',
  contact: '',
}

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({
  company: 'Acme',
  reference: 'R-ABCDEFGH',
  requestType: 'Access my data',
  receivedAt: '2026-12-01',
  generatedAt: '2026-12-03 10:00',
  profile: BLANK_PROFILE,
  recipients: [],
  files: [
    { system: 'Candor (this privacy portal)', collection: 'emails', description: 'The e-mails this company sent you.', rows: 2, files: ['candor/emails.json', 'candor/emails.csv'] },
    { system: 'Billing (manual)', collection: 'invoices.csv', description: 'A CSV table that Acme’s staff copied from this system for your request.', rows: 2, bytes: 74, files: ['Billing (manual)/invoices.csv'] },
  ],
  ...over,
})

describe('the export’s summary, for the person it is about', () => {
  it('leaves out what the company has not described and names those topics once', () => {
    const html = summaryHtml(input())
    expect(html.match(/has not yet described/g)).toHaveLength(1)
    expect(html).toContain(
      'Acme has not yet described why it uses your data, what kinds of data it holds, who receives your data, whether your data leaves your country, how long it keeps your data, where your data comes from and whether it makes automated decisions about you.',
    )
    expect(html).not.toContain('<h3>How long we keep it</h3>')
    expect(html).toContain('<h3>Who is responsible for your data</h3>\n<p>Acme</p>')
  })

  it('shows every described section and says nothing is missing when nothing is', () => {
    const profile = { ...BLANK_PROFILE, purposes: 'To bill you.', dataCategories: 'Invoices.', retention: 'Ten years (tax law).', sources: 'You.', automatedDecisions: 'None.', transfers: 'None.' }
    const full = input({ profile, recipients: [{ name: 'Stripe', purpose: 'Payments', dataCategories: 'Card data', region: 'EU' }] })
    expect(notDescribedSentence('Acme', summarySections(full))).toBeNull()
    const html = summaryHtml(full)
    expect(html).not.toContain('has not yet described')
    expect(html).toContain('<h3>How long we keep it</h3>\n<p>Ten years (tax law).</p>')
    expect(html).toContain('<li><strong>Stripe</strong>: Payments (Card data), EU</li>')
  })

  it('lists each collection with where it came from, how much it holds and its files', () => {
    const html = summaryHtml(input())
    expect(html).toContain('<strong>invoices.csv</strong>, from Billing (manual); 2 records, 74 bytes. A CSV table')
    expect(html).toContain('Billing (manual)/invoices.csv')
    expect(summaryHtml(input({ files: [] }))).toContain('None of the systems listed for your request held data about you.')
  })
})
