// CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field with a comma, quote or line
// break in double quotes, quotes doubled), safe to open in a spreadsheet: a cell that would start
// a formula gets a leading single quote, so an entry's text can never run as a formula.

// = + - @ start a formula; a tab or carriage return before them is skipped by some spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvField(value: string | null): string {
  const text = value ?? ''
  const inert = FORMULA_START.test(text) ? `'${text}` : text
  return NEEDS_QUOTES.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert
}

/** One record (line) of CSV, ending in CRLF. */
export function csvRecord(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}
