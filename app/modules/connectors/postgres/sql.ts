// The SQL the Postgres connector runs, built from the dataset map: every identifier quoted with
// pg's escapeIdentifier, every value a parameter. Rows are carried between statements as ctid
// arrays (`ctid = ANY($1::tid[])`): one shape for any key (composite, or none at all), valid
// while the rows are held (a repeatable-read snapshot for access, row locks for erasure).
import pg from 'pg'
import type { ColumnMap, TableMap } from '../dataset-map'
import type { Edge } from './traversal-plan'

const id = (name: string) => pg.escapeIdentifier(name)

/** `"schema"."table"`, quoted. */
export function qualified(table: TableMap): string {
  return `${id(table.schema)}.${id(table.name)}`
}

const TEXT_TYPES = /^(text|citext|character varying|varchar|character|char|bpchar)\b/i

/** Whether a column holds text (a mask can be text, a hash fits). */
export const isText = (column: ColumnMap) => TEXT_TYPES.test(column.type.trim())

/** The subject's rows of a table, found by e-mail: `$1` is the e-mail lowercased. */
export function seedSql(table: TableMap, columns: string[], lock: boolean): string {
  const where = columns.map((c) => `lower(t.${id(c)}::text) = $1`).join(' OR ')
  return `SELECT t.ctid::text AS ctid FROM ${qualified(table)} t WHERE ${where}${lock ? ' FOR UPDATE OF t' : ''}`
}

/** The rows of `child` that point at the parent rows `$1` (ctids). */
export function edgeSql(edge: Edge, parent: TableMap, child: TableMap, lock: boolean): string {
  const on = edge.childColumns.map((c, i) => `c.${id(c)} = p.${id(edge.parentColumns[i]!)}`).join(' AND ')
  return `SELECT c.ctid::text AS ctid FROM ${qualified(child)} c JOIN ${qualified(parent)} p ON ${on} WHERE p.ctid = ANY($1::tid[])${lock ? ' FOR UPDATE OF c' : ''}`
}

/** The mapped columns of the rows `$1` (ctids), for a cursor. */
export function readSql(table: TableMap, columns: string[]): string {
  return `SELECT ${columns.map(id).join(', ')} FROM ${qualified(table)} WHERE ctid = ANY($1::tid[])`
}

/** `columns` of the rows `$1` as text, with each row's ctid. */
export function valuesSql(table: TableMap, columns: string[]): string {
  return `SELECT ctid::text AS ctid, ${columns.map((c) => `${id(c)}::text AS ${id(c)}`).join(', ')} FROM ${qualified(table)} WHERE ctid = ANY($1::tid[])`
}

export function deleteSql(table: TableMap): string {
  return `DELETE FROM ${qualified(table)} WHERE ctid = ANY($1::tid[])`
}

/**
 * Change the rows `$1` (ctids): columns set to NULL, masked (text: a random token per row, so a
 * unique column stays unique; other types: NULL), or set to their hash, given per row as `$2…`
 * text arrays in the order of `$1`. Returns the changed rows' new ctids.
 */
export function changeSql(table: TableMap, columns: { column: ColumnMap; strategy: 'null' | 'mask' | 'hash' }[]): string {
  const hashed = columns.filter((c) => c.strategy === 'hash')
  const sets = columns.map(({ column, strategy }) => {
    if (strategy === 'hash') return `${id(column.name)} = v.${id(column.name)}`
    if (strategy === 'mask' && isText(column)) return `${id(column.name)} = 'erased-' || substr(md5(random()::text), 1, 12)`
    return `${id(column.name)} = NULL`
  })
  const arrays = ['$1::tid[]', ...hashed.map((_, i) => `$${i + 2}::text[]`)].join(', ')
  const names = ['tid', ...hashed.map((c) => id(c.column.name))].join(', ')
  return `UPDATE ${qualified(table)} t SET ${sets.join(', ')} FROM unnest(${arrays}) AS v(${names}) WHERE t.ctid = v.tid RETURNING t.ctid::text AS ctid`
}

/**
 * Set to NULL the references of other rows to the rows `$1` (ctids) of `parent`, about to be
 * deleted. For a table's reference to itself, `$2` are the rows deleted with them (left alone).
 */
export function clearReferencesSql(edge: Edge, parent: TableMap, child: TableMap): string {
  const on = edge.childColumns.map((c, i) => `c.${id(c)} = p.${id(edge.parentColumns[i]!)}`).join(' AND ')
  const sets = edge.childColumns.map((c) => `${id(c)} = NULL`).join(', ')
  const self = edge.child === edge.parent ? ' AND NOT (c.ctid = ANY($2::tid[]))' : ''
  return `UPDATE ${qualified(child)} c SET ${sets} FROM ${qualified(parent)} p WHERE ${on} AND p.ctid = ANY($1::tid[])${self}`
}

/** How many rows of `table` hold one of the lowercased values `$1` in `column` (anywhere in the table). */
export function remainingTextSql(table: TableMap, column: string): string {
  return `SELECT count(*)::int AS n FROM ${qualified(table)} WHERE lower(${id(column)}::text) = ANY($1::text[])`
}

/** How many rows of `table` hold one of the values `$1` (of the column's own type) in `column`. */
export function remainingValueSql(table: TableMap, column: string): string {
  return `SELECT count(*)::int AS n FROM ${qualified(table)} WHERE ${id(column)} = ANY($1)`
}

/** How many of the rows `$2` (ctids) hold one of the lowercased values `$1` in one of `columns`. */
export function remainingInRowsSql(table: TableMap, columns: string[]): string {
  const any = columns.map((c) => `lower(${id(c)}::text) = ANY($1::text[])`).join(' OR ')
  return `SELECT count(*)::int AS n FROM ${qualified(table)} WHERE ctid = ANY($2::tid[]) AND (${any})`
}

/** Every column of the tables `$1`/`$2` (schemas, names) with its type, to check the map against. */
export const COLUMNS_SQL = `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attnum > 0 AND NOT a.attisdropped AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`


/** How many other rows `clearReferencesSql` would change (the dry run's count). */
export function referencesCountSql(edge: Edge, parent: TableMap, child: TableMap): string {
  const on = edge.childColumns.map((c, i) => `c.${id(c)} = p.${id(edge.parentColumns[i]!)}`).join(' AND ')
  const self = edge.child === edge.parent ? ' AND NOT (c.ctid = ANY($2::tid[]))' : ''
  return `SELECT count(*)::int AS n FROM ${qualified(child)} c JOIN ${qualified(parent)} p ON ${on} WHERE p.ctid = ANY($1::tid[])${self}`
}
