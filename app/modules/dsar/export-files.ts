// The files inside a subject's export, written as streams so that no collection is ever whole
// in memory: each collection as a JSON array and as CSV, and a summary page in plain HTML that
// a person can read without any tool (what GDPR Art. 15(1) says they are owed).
import { Transform, type TransformCallback } from 'node:stream'
import { csvRecord } from '~/modules/formats/csv'
import { formatBytes } from '~/modules/trust/document-types'

const cell = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)

const NEWLINE = 0x0a
const OPEN = Buffer.from('[\n')
const BETWEEN = Buffer.from(',\n')
const NOTHING = Buffer.alloc(0)
const COMMA = 0x2c

/**
 * A stored collection's JSON lines (one `JSON.stringify(row)` a line) in, one JSON array out,
 * one element per line. Each line already is its row's JSON, so its bytes pass with only the
 * separators changed, never parsed: a newline byte is never part of a multi-byte character, and
 * JSON.stringify escapes every line break inside a value.
 */
export function jsonArrayFromLines(): Transform {
  let started = false
  // The newline that ended the last chunk: a separator if another line follows, nothing if not.
  let lineEnded = false
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (chunk.length === 0) return callback()
      const endsLine = chunk[chunk.length - 1] === NEWLINE
      const body = endsLine ? chunk.subarray(0, chunk.length - 1) : chunk
      const head = !started ? OPEN : lineEnded ? BETWEEN : NOTHING
      let newlines = 0
      for (let at = body.indexOf(NEWLINE); at !== -1; at = body.indexOf(NEWLINE, at + 1)) newlines++
      // One copy of the chunk with a comma before each newline: no object per line.
      const out = Buffer.allocUnsafe(head.length + body.length + newlines)
      let written = head.copy(out, 0)
      let from = 0
      for (let at = body.indexOf(NEWLINE); at !== -1; at = body.indexOf(NEWLINE, at + 1)) {
        written += body.copy(out, written, from, at)
        out[written++] = COMMA
        out[written++] = NEWLINE
        from = at + 1
      }
      body.copy(out, written, from)
      started = true
      lineEnded = endsLine
      callback(null, out)
    },
    flush(callback: TransformCallback) {
      callback(null, started ? '\n]\n' : '[]\n')
    },
  })
}

/**
 * A stored collection's JSON lines in, CSV out with `fields` as its header (RFC 4180,
 * formula-safe). Parsed a chunk of whole lines at a time and written a chunk at a time: a
 * stream event per row would cost more than formatting the row.
 */
export function csvFromLines(fields: readonly string[]): Transform {
  let rest = Buffer.alloc(0)
  const records = (text: string) => {
    let out = ''
    for (const line of text.split('\n')) {
      if (!line) continue
      const row = JSON.parse(line) as Record<string, unknown>
      out += csvRecord(fields.map((field) => cell(row[field])))
    }
    return out
  }
  return new Transform({
    construct(callback) {
      this.push(csvRecord(fields))
      callback()
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        const end = chunk.lastIndexOf(NEWLINE)
        if (end === -1) {
          rest = Buffer.concat([rest, chunk])
          return callback()
        }
        const whole = Buffer.concat([rest, chunk.subarray(0, end)])
        // A copy: the part line must not keep the whole chunk alive.
        rest = Buffer.from(chunk.subarray(end + 1))
        callback(null, records(whole.toString('utf8')))
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        callback(null, records(rest.toString('utf8')))
      } catch (error) {
        callback(error as Error)
      }
    },
  })
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** One entry of the export: a collection (as JSON and CSV) or a file a member attached. */
export type ExportEntry = {
  system: string
  collection: string
  description: string
  /** Records in it; null for a document or an image. */
  rows: number | null
  /** An attached file's size. */
  bytes?: number
  /** Its files' paths in the ZIP. */
  files: string[]
}

export type SummaryInput = {
  company: string
  reference: string
  requestType: string
  receivedAt: string
  generatedAt: string
  profile: {
    controller: string
    purposes: string
    dataCategories: string
    retention: string
    sources: string
    automatedDecisions: string
    transfers: string
    supervisoryAuthority: string
    contact: string
  }
  recipients: { name: string; purpose: string; dataCategories: string; region: string }[]
  files: ExportEntry[]
}

/**
 * A section of the export's summary; `text` is empty when the company has not described it,
 * and `topic` names it in the one sentence that lists what is not described. The recipients
 * one is marked: the summary lists them in full.
 */
export type SummarySection = { title: string; text: string; topic?: string; recipients?: true }

/**
 * The summary's sections in the order the subject reads them. The reviewer sees the same list
 * before release, so a blank one can be filled in the privacy profile first.
 */
export function summarySections(input: Pick<SummaryInput, 'company' | 'profile' | 'recipients'>): SummarySection[] {
  const { profile } = input
  return [
    { title: 'Who is responsible for your data', text: profile.controller || input.company },
    { title: 'Why we use your data', text: profile.purposes, topic: 'why it uses your data' },
    { title: 'What kinds of data we hold', text: profile.dataCategories, topic: 'what kinds of data it holds' },
    { title: 'Who receives your data', text: input.recipients.map((r) => r.name).join(', '), topic: 'who receives your data', recipients: true },
    { title: 'Transfers outside your country', text: profile.transfers, topic: 'whether your data leaves your country' },
    { title: 'How long we keep it', text: profile.retention, topic: 'how long it keeps your data' },
    { title: 'Where the data comes from', text: profile.sources, topic: 'where your data comes from' },
    { title: 'Automated decisions and profiling', text: profile.automatedDecisions, topic: 'whether it makes automated decisions about you' },
  ]
}

/** "A", "A and B", "A, B and C". */
const listOf = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`)

/** The sections the company has not described, in one honest sentence; null when it described them all. */
export function notDescribedSentence(company: string, sections: SummarySection[]): string | null {
  const topics = sections.filter((s) => s.text.trim() === '' && s.topic).map((s) => s.topic!)
  if (topics.length === 0) return null
  return `${company} has not yet described ${listOf(topics)}. You can ask about ${topics.length === 1 ? 'it' : 'these'} through your request’s page.`
}

const paragraphs = (text: string) => `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`

const amountOf = (entry: ExportEntry) =>
  [
    entry.rows === null ? null : `${entry.rows} record${entry.rows === 1 ? '' : 's'}`,
    entry.bytes === undefined ? null : formatBytes(entry.bytes),
  ]
    .filter(Boolean)
    .join(', ')

/** The human-readable first page of the export (summary.html), written for the person it is about. */
export function summaryHtml(input: SummaryInput): string {
  const { profile, company } = input
  const recipients = `<ul>${input.recipients
    .map(
      (r) =>
        `<li><strong>${escapeHtml(r.name)}</strong>: ${escapeHtml(r.purpose)}${r.dataCategories ? ` (${escapeHtml(r.dataCategories)})` : ''}${r.region ? `, ${escapeHtml(r.region)}` : ''}</li>`,
    )
    .join('')}</ul>`
  const entries = input.files
    .map(
      (f) =>
        `<li><strong>${escapeHtml(f.collection)}</strong>, from ${escapeHtml(f.system)}; ${escapeHtml(amountOf(f))}. ${escapeHtml(f.description)}<br>` +
        `<small>${f.files.map(escapeHtml).join(', ')}</small></li>`,
    )
    .join('\n')
  const sections = summarySections(input)
  // Only what the company described is shown; what it did not is named once, below.
  const described = sections
    .filter((s) => s.text.trim() !== '')
    .map((s) => `<h3>${escapeHtml(s.title)}</h3>\n${s.recipients ? recipients : paragraphs(s.text)}\n`)
    .join('')
  const missing = notDescribedSentence(company, sections)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data held by ${escapeHtml(company)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0f172a}li{margin:.5rem 0}small{color:#475569}</style>
</head><body>
<h1>Your data held by ${escapeHtml(company)}</h1>
<p>You asked ${escapeHtml(company)}: “${escapeHtml(input.requestType)}” (request ${escapeHtml(input.reference)}, received ${escapeHtml(input.receivedAt)}). This file explains what is in this copy, made ${escapeHtml(input.generatedAt)} UTC.</p>
<h2>What is in this copy</h2>
${
  input.files.length > 0
    ? `<p>Each folder holds the data of one of ${escapeHtml(company)}’s systems. A .csv file opens in a spreadsheet, a .json file in a text editor or another program; where a collection comes as both, they hold the same records.</p>\n<ul>\n${entries}\n</ul>`
    : `<p>None of the systems listed for your request held data about you.</p>`
}
<h2>About your data</h2>
${described}${missing ? `<p>${escapeHtml(missing)}</p>\n` : ''}<h2>Your rights</h2>
<p>You may ask us to correct your data, to erase it, to restrict or object to its use, and to receive it in a portable form. You may complain to a supervisory authority${profile.supervisoryAuthority ? ` (${escapeHtml(profile.supervisoryAuthority)})` : ''}.</p>
${profile.contact ? `<h2>Contact</h2>\n${paragraphs(profile.contact)}\n` : ''}</body></html>
`
}
