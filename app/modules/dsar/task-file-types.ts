// Which files a member may attach to a manual data system's access task, judged by their bytes
// (a browser's declared type and a file's name are claims): PDF, PNG and JPEG by their magic
// bytes, JSON by parsing it, CSV by reading it as UTF-8 text in RFC 4180's form. The limits
// keep one task's files small enough to hold in memory while they are checked. Pure.
import { UNTYPABLE_CHARACTER } from '~/modules/formats/control-characters'
import { type SignedKind, signedKindOf } from '~/modules/formats/file-signatures'
import { formatBytes } from '~/modules/trust/document-types'

export const MAX_TASK_FILE_BYTES = 10 * 1024 * 1024
export const MAX_TASK_FILES_BYTES = 25 * 1024 * 1024
export const MAX_TASK_FILES = 20
export const TASK_FILES_DESCRIPTION = 'CSV, JSON, PDF, PNG or JPEG'

export type TaskFileType = { contentType: string; label: string; extension: string }

const PDF: TaskFileType = { contentType: 'application/pdf', label: 'PDF document', extension: 'pdf' }
const PNG: TaskFileType = { contentType: 'image/png', label: 'PNG image', extension: 'png' }
const JPEG: TaskFileType = { contentType: 'image/jpeg', label: 'JPEG image', extension: 'jpg' }
const JSON_TYPE: TaskFileType = { contentType: 'application/json', label: 'JSON file', extension: 'json' }
const CSV: TaskFileType = { contentType: 'text/csv', label: 'CSV table', extension: 'csv' }

/** A recognised file: its type and, for a table or a JSON list, how many records it holds. */
export type RecognisedFile = { type: TaskFileType; records: number | null }

const SIGNED: Record<SignedKind, TaskFileType> = { pdf: PDF, png: PNG, jpeg: JPEG }

/** The file's type from its content, or null when it is none of the accepted kinds. */
export function recogniseTaskFile(bytes: Uint8Array): RecognisedFile | null {
  const signed = signedKindOf(bytes)
  if (signed) return { type: SIGNED[signed], records: null }
  const text = utf8(bytes)
  if (text === null || text.trim() === '' || UNTYPABLE_CHARACTER.test(text)) return null
  const json = parseJson(text)
  if (json !== undefined) return { type: JSON_TYPE, records: Array.isArray(json) ? json.length : null }
  const records = csvRecordCount(text)
  return records === null ? null : { type: CSV, records }
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return null
  }
}

function parseJson(text: string): unknown {
  const start = text.trimStart()[0]
  // Only an object or a list is a data file; a bare number or word is plain text.
  if (start !== '{' && start !== '[') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * The number of records after the header of an RFC 4180 table, or null when the text is not
 * one: a quote left open, a quote inside an unquoted field, or a record whose field count
 * differs from the header's (a line of prose is a table of one column, so one column is not enough).
 */
export function csvRecordCount(text: string): number | null {
  const counts: number[] = []
  let fields = 1
  let quoted = false
  let fieldStart = true
  let afterQuote = false
  let lineHasContent = false
  const endRecord = () => {
    if (lineHasContent || fields > 1) counts.push(fields)
    fields = 1
    fieldStart = true
    afterQuote = false
    lineHasContent = false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== '"') continue
      if (text[i + 1] === '"') i++
      else {
        quoted = false
        afterQuote = true
      }
      continue
    }
    if (c === ',') {
      fields++
      fieldStart = true
      afterQuote = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRecord()
    } else if (c === '"') {
      if (!fieldStart) return null
      quoted = true
      fieldStart = false
      lineHasContent = true
    } else {
      if (afterQuote) return null
      fieldStart = false
      lineHasContent = true
    }
  }
  if (quoted) return null
  endRecord()
  const [header, ...records] = counts
  if (header === undefined || header < 2 || records.some((count) => count !== header)) return null
  return records.length
}

/** The name a file is kept under in the export: the uploaded name's last segment, plain, with its type's extension. */
export function taskFileName(uploaded: string, type: TaskFileType): string {
  const base = (uploaded.split(/[\\/]/).pop() ?? '')
    .replace(/\.[a-z0-9]+$/i, '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._()-]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+/, '')
    .trim()
    .slice(0, 100)
  return `${base || 'file'}.${type.extension}`
}

/** The reason a file cannot be attached, for the member who chose it; null when it can. */
export function taskFileRefusal(name: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `“${shortName(name)}” is empty.`
  if (bytes.length > MAX_TASK_FILE_BYTES) {
    return `“${shortName(name)}” is ${formatBytes(bytes.length)}; each file may be at most ${formatBytes(MAX_TASK_FILE_BYTES)}.`
  }
  if (!recogniseTaskFile(bytes)) {
    return `“${shortName(name)}” is not a ${TASK_FILES_DESCRIPTION} file (judged by its content, not its name).`
  }
  return null
}

const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 57)}…` : name)
