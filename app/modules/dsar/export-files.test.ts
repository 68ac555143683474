import { Readable, type Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { type SummaryInput, csvFromLines, jsonArrayFromLines, notDescribedSentence, summaryHtml, summarySections } from './export-files'

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

describe('the export’s JSON and CSV files, made from a collection’s stored JSON lines', () => {
  const rows = [
    { sent_at: '2026-12-01T10:00:00.000Z', subject: 'Hello, "you"', status: 'sent', text: 'Line one\nline two ✓ 😀' },
    { sent_at: '2026-12-02T10:00:00.000Z', subject: '=cmd|calc', status: 'failed', text: null },
    { sent_at: '2026-12-03T10:00:00.000Z', subject: 'Numbers', status: 'sent', text: { nested: [1, 2] } },
  ]
  const lines = rows.map((row) => `${JSON.stringify(row)}\n`).join('')

  /** The transform's output when `text` arrives in chunks of `size` bytes (a character may be split). */
  async function through(transform: Transform, text: string, size: number): Promise<string> {
    const bytes = Buffer.from(text)
    const chunks = []
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size))
    const out: Buffer[] = []
    const collect = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(Buffer.from(chunk))
        callback()
      },
    })
    await pipeline(Readable.from(chunks), transform, collect)
    return Buffer.concat(out).toString('utf8')
  }

  it('writes the same JSON array as the rows themselves, whatever the chunks', async () => {
    const expected = `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`
    for (const size of [1, 2, 7, 64, 1 << 16]) expect(await through(jsonArrayFromLines(), lines, size)).toBe(expected)
    expect(JSON.parse(await through(jsonArrayFromLines(), lines, 5))).toEqual(rows)
    expect(await through(jsonArrayFromLines(), '', 1)).toBe('[]\n')
  })

  it('writes the rows as RFC 4180 CSV with the header, formula-safe, whatever the chunks', async () => {
    const fields = ['sent_at', 'subject', 'status', 'text']
    const expected =
      'sent_at,subject,status,text\r\n' +
      '2026-12-01T10:00:00.000Z,"Hello, ""you""",sent,"Line one\nline two ✓ 😀"\r\n' +
      "2026-12-02T10:00:00.000Z,'=cmd|calc,failed,\r\n" +
      '2026-12-03T10:00:00.000Z,Numbers,sent,"{""nested"":[1,2]}"\r\n'
    for (const size of [1, 3, 7, 64, 1 << 16]) expect(await through(csvFromLines(fields), lines, size)).toBe(expected)
    expect(await through(csvFromLines(fields), '', 1)).toBe('sent_at,subject,status,text\r\n')
  })

  it('fails the stream on a line that is not JSON', async () => {
    await expect(through(csvFromLines(['a']), '{"a":1}\nnot json\n', 4)).rejects.toThrow(SyntaxError)
  })
})
