// The files inside a subject's export, written as streams so that no collection is ever whole
// in memory: each collection as a JSON array and as CSV, and a summary page in plain HTML that
// a person can read without any tool (what GDPR Art. 15(1) says they are owed).
import { Readable } from 'node:stream'
import { csvRecord } from '~/modules/formats/csv'

type Row = Record<string, unknown>

const cell = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value)

/** `rows` as one JSON array, one element per line. */
export function jsonArrayStream(rows: AsyncIterable<Row>): Readable {
  return Readable.from(
    (async function* () {
      let first = true
      yield '['
      for await (const row of rows) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`
        first = false
      }
      yield first ? ']\n' : '\n]\n'
    })(),
  )
}

/** `rows` as CSV with `fields` as its header (RFC 4180, formula-safe). */
export function csvStream(fields: readonly string[], rows: AsyncIterable<Row>): Readable {
  return Readable.from(
    (async function* () {
      yield csvRecord(fields)
      for await (const row of rows) yield csvRecord(fields.map((field) => cell(row[field])))
    })(),
  )
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

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
  files: { system: string; collection: string; description: string; rows: number; path: string }[]
}

export const NOT_GIVEN = 'The company has not described this yet; ask it through your request’s page.'

/** One section of the summary as the subject reads it; `text` is empty when nothing was given. */
/** A section of the export's summary; the recipients one is marked, the summary lists them in full. */
export type SummarySection = { title: string; text: string; recipients?: true }

/**
 * The summary's sections in the order the subject reads them. The reviewer sees the same list
 * before release, so a blank one can be filled in the privacy profile first.
 */
export function summarySections(input: Pick<SummaryInput, 'company' | 'profile' | 'recipients'>): SummarySection[] {
  const { profile } = input
  return [
    { title: 'Who is responsible for your data', text: profile.controller || input.company },
    { title: 'Why we use your data', text: profile.purposes },
    { title: 'What kinds of data we hold', text: profile.dataCategories },
    { title: 'Who receives your data', text: input.recipients.map((r) => r.name).join(', '), recipients: true },
    { title: 'Transfers outside your country', text: profile.transfers },
    { title: 'How long we keep it', text: profile.retention },
    { title: 'Where the data comes from', text: profile.sources },
    { title: 'Automated decisions and profiling', text: profile.automatedDecisions },
  ]
}

function section(title: string, body: string): string {
  return `<h2>${escapeHtml(title)}</h2>\n<p>${escapeHtml(body || NOT_GIVEN).replaceAll('\n', '<br>')}</p>\n`
}

/** The human-readable first page of the export (summary.html). */
export function summaryHtml(input: SummaryInput): string {
  const { profile } = input
  const recipients = input.recipients.length
    ? `<ul>${input.recipients
        .map(
          (r) =>
            `<li><strong>${escapeHtml(r.name)}</strong>: ${escapeHtml(r.purpose)}${r.dataCategories ? ` (${escapeHtml(r.dataCategories)})` : ''}${r.region ? `, ${escapeHtml(r.region)}` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${escapeHtml(NOT_GIVEN)}</p>`
  const files = input.files
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.system)}</td><td>${escapeHtml(f.collection)}</td><td>${escapeHtml(f.description)}</td><td>${f.rows}</td><td>${escapeHtml(f.path)}.json, ${escapeHtml(f.path)}.csv</td></tr>`,
    )
    .join('\n')
  // The recipients section lists each sub-processor in full; the others are plain text.
  const sections = summarySections(input)
    .map((s) => (s.recipients ? `<h2>${escapeHtml(s.title)}</h2>\n${recipients}\n` : section(s.title, s.text)))
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data held by ${escapeHtml(input.company)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0f172a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #cbd5e1;padding:.4rem;text-align:left;vertical-align:top}</style>
</head><body>
<h1>Your data held by ${escapeHtml(input.company)}</h1>
<p>Request ${escapeHtml(input.reference)} (${escapeHtml(input.requestType)}), received ${escapeHtml(input.receivedAt)}. This copy was made ${escapeHtml(input.generatedAt)} UTC.</p>
${sections}<h2>Your rights</h2>
<p>You may ask us to correct your data, to erase it, to restrict or object to its use, and to receive it in a portable form. You may complain to a supervisory authority${profile.supervisoryAuthority ? ` (${escapeHtml(profile.supervisoryAuthority)})` : ''}.</p>
${profile.contact ? section('Contact', profile.contact) : ''}
<h2>The files in this export</h2>
<table><thead><tr><th>System</th><th>Collection</th><th>What it is</th><th>Records</th><th>Files</th></tr></thead>
<tbody>
${files}
</tbody></table>
</body></html>
`
}
