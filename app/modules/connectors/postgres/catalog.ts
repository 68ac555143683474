// The schema of a customer's Postgres database as Candor reads it (catalog.server.ts): the
// tables of its own schemas with their columns, primary keys and foreign keys. Plain data, so
// the pure modules that propose a dataset map and compare one with the database can be tested
// without a database.

export type CatalogColumn = {
  name: string
  /** As `format_type` names it: `bigint`, `text`, `timestamp with time zone`, `character varying(200)`. */
  type: string
  nullable: boolean
}

export type CatalogTable = {
  schema: string
  name: string
  columns: CatalogColumn[]
  /** The primary key's columns in key order; empty when the table has none. */
  primaryKey: string[]
}

export type CatalogForeignKey = {
  from: { schema: string; table: string; columns: string[] }
  to: { schema: string; table: string; columns: string[] }
}

export type Catalog = { tables: CatalogTable[]; foreignKeys: CatalogForeignKey[] }

/** `schema.table`, the key of a table in maps and messages. */
export const tableKey = (table: { schema: string; name?: string; table?: string }) => `${table.schema}.${table.name ?? table.table}`
