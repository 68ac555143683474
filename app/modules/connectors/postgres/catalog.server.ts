// Reads the schema of a customer's database for discovery and drift: every ordinary or
// partitioned table (not the partitions) of the schemas that are not PostgreSQL's own, with
// its columns and types, and the primary and foreign keys from pg_constraint, composite ones
// included in key order. pg_catalog rather than information_schema: information_schema hides
// what the role has no privilege on and names enums and domains `USER-DEFINED`, while
// format_type gives the type as it was declared.
import type pg from 'pg'
import type { PostgresSettings } from '../settings'
import type { Catalog, CatalogTable } from './catalog'
import { connectPostgres } from './client.server'
import { describeConnectionError } from './connection-errors'

const OWN_SCHEMAS = /* sql */ `
  n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`

const COLUMNS = /* sql */ `
  SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
         format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${OWN_SCHEMAS}
   ORDER BY n.nspname, c.relname, a.attnum`

const KEY_COLUMNS = (keys: string, relation: string) => /* sql */ `
  ARRAY(SELECT a.attname::text FROM unnest(con.${keys}) WITH ORDINALITY AS k(attnum, position)
          JOIN pg_attribute a ON a.attrelid = con.${relation} AND a.attnum = k.attnum
         ORDER BY k.position)`

const CONSTRAINTS = /* sql */ `
  SELECT con.contype AS kind, n.nspname AS schema, c.relname AS table, ${KEY_COLUMNS('conkey', 'conrelid')} AS columns,
         fn.nspname AS to_schema, fc.relname AS to_table, ${KEY_COLUMNS('confkey', 'confrelid')} AS to_columns
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class fc ON fc.oid = con.confrelid
    LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
   WHERE con.contype IN ('p', 'f') AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${OWN_SCHEMAS}
   ORDER BY n.nspname, c.relname, con.conname`

type ColumnRow = { schema: string; table: string; column: string; type: string; nullable: boolean }
type ConstraintRow = { kind: 'p' | 'f'; schema: string; table: string; columns: string[]; to_schema: string | null; to_table: string | null; to_columns: string[] }

export async function readCatalog(client: pg.Client): Promise<Catalog> {
  const columns = await client.query<ColumnRow>(COLUMNS)
  const constraints = await client.query<ConstraintRow>(CONSTRAINTS)
  const tables = new Map<string, CatalogTable>()
  for (const row of columns.rows) {
    const key = `${row.schema}.${row.table}`
    let table = tables.get(key)
    if (!table) tables.set(key, (table = { schema: row.schema, name: row.table, columns: [], primaryKey: [] }))
    table.columns.push({ name: row.column, type: row.type, nullable: row.nullable })
  }
  const foreignKeys: Catalog['foreignKeys'] = []
  for (const row of constraints.rows) {
    if (row.kind === 'p') {
      const table = tables.get(`${row.schema}.${row.table}`)
      if (table) table.primaryKey = row.columns
    } else if (row.to_schema && row.to_table) {
      foreignKeys.push({
        from: { schema: row.schema, table: row.table, columns: row.columns },
        to: { schema: row.to_schema, table: row.to_table, columns: row.to_columns },
      })
    }
  }
  return { tables: [...tables.values()], foreignKeys }
}

/** The catalogue of a system's database over a connection of its own, or why it could not be read. */
export async function discoverCatalog(settings: PostgresSettings, password: string | null): Promise<{ catalog: Catalog } | { error: string }> {
  try {
    const client = await connectPostgres(settings, password)
    try {
      return { catalog: await readCatalog(client) }
    } finally {
      await client.end().catch(() => {})
    }
  } catch (error) {
    return { error: describeConnectionError(error) }
  }
}
