// A table's rows as JSON lines that PostgreSQL writes itself and streams out with COPY (decision
// 035): one query, read in whatever order the database finds cheapest, arriving as the bytes of
// the lines, never as an object or a string per row or per page. Each line is byte for byte what
// JSON.stringify writes for the same row (tested).
import pg from 'pg'
import { copyOutForWorkspace } from '~/modules/db/tenant-copy.server'
import type { JsonLines } from './connector'

/** One property of a line: its key, and the column it comes from (a text or enum column, or a timestamp). */
export type JsonField = { key: string; column: string; time?: true }

/** A timestamp as Date.prototype.toISOString writes it (columns are stored to the millisecond). */
const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The SQL expression of one row's line, without its newline: `{"key":value,…}`, null as `null`. */
function lineOf(fields: readonly JsonField[]): string {
  const parts = fields.map(({ key, column, time }, i) => {
    const name = pg.escapeIdentifier(column)
    const value = time ? isoTime(name) : `${name}::text`
    return `${pg.escapeLiteral(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`)} || coalesce(to_json(${value})::text, 'null')`
  })
  return `${parts.join(' || ')} || '}'`
}

const NEWLINE = 0x0a

function linesIn(chunk: Buffer): number {
  let count = 0
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) count++
  return count
}

/**
 * The rows of `table` whose `column` equals `value`, in the workspace, as JSON lines with
 * `fields`. CSV mode with a delimiter and a quote character that JSON text never holds raw (it
 * escapes every control character) writes each line as it is, followed by a newline; text mode
 * would double every backslash. A batch may end inside a line; `rows` counts the lines it ends.
 */
export async function* copyJsonLines(
  workspaceId: string,
  table: string,
  match: { column: string; value: string },
  fields: readonly JsonField[],
): AsyncIterable<JsonLines> {
  const query = `SELECT ${lineOf(fields)} FROM ${pg.escapeIdentifier(table)} WHERE ${pg.escapeIdentifier(match.column)} = current_setting('app.copy_match')`
  const copy = `COPY (${query}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`
  for await (const chunk of copyOutForWorkspace(workspaceId, copy, { 'app.copy_match': match.value })) {
    yield { text: chunk, rows: linesIn(chunk) }
  }
}
