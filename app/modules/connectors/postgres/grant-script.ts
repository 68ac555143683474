// The least-privilege script a customer's DBA runs to give Candor its own role: SELECT on the
// mapped tables only, UPDATE only on the columns erasure changes (null, mask, hash, and the
// references it clears before deleting the rows they point at), DELETE only on the tables whose
// rows it deletes. Before a map is saved, SELECT on the discovered schemas'
// tables, for discovery. Every name is quoted, so no table name can change the script.
import type { DatasetMap } from '../dataset-map'

const DEFAULT_ROLE = 'candor_privacy'
/** Stands for the password in the printed script: the DBA chooses it and types it into Candor. */
const PASSWORD_PLACEHOLDER = '<choose one>'

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`
const qualified = (schema: string, table: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`

/**
 * What the role needs on one table: SELECT on all of it (`'all'`) or on some columns, UPDATE on
 * some columns, DELETE. A table whose rows erasure deletes has the references into it cleared
 * first (set to NULL), in whichever table of the map they are, so those columns need UPDATE too.
 */
export type TablePrivileges = { schema: string; table: string; select: 'all' | string[]; update: string[]; delete: boolean; lockOnly?: string }

/** What the role needs for access and erasure with `map`, table by table. */
export function requiredPrivileges(map: DatasetMap): TablePrivileges[] {
  const needs = new Map<string, TablePrivileges>()
  const entry = (schema: string, table: string) => {
    const key = JSON.stringify([schema, table])
    let found = needs.get(key)
    if (!found) needs.set(key, (found = { schema, table, select: [], update: [], delete: false }))
    return found
  }
  const add = (list: string[], columns: string[]) => list.push(...columns.filter((c) => !list.includes(c)))
  for (const t of map.tables.filter((t) => t.included)) {
    const needed = entry(t.schema, t.name)
    needed.select = 'all'
    add(needed.update, t.columns.filter((c) => c.strategy === 'null' || c.strategy === 'mask' || c.strategy === 'hash').map((c) => c.name))
    needed.delete = t.columns.some((c) => c.strategy === 'delete_row')
    // Erasure locks the subject's rows (SELECT … FOR UPDATE) before it changes anything, and
    // PostgreSQL allows that lock only with UPDATE on at least one column of the table: one
    // column, never written, where the map changes none.
    if (needed.update.length === 0 && t.columns.length > 0) needed.lockOnly = t.primaryKey[0] ?? t.columns[0]!.name
  }
  for (const reference of map.references) {
    if (!needs.get(JSON.stringify([reference.to.schema, reference.to.table]))?.delete) continue
    const referencing = entry(reference.from.schema, reference.from.table)
    if (referencing.select !== 'all') add(referencing.select, reference.from.columns)
    add(referencing.update, reference.from.columns)
  }
  for (const needed of needs.values()) if (needed.update.length > 0) delete needed.lockOnly
  return [...needs.values()]
}

export function grantScript(input: { database: string; role?: string; map: DatasetMap | null; schemas: string[]; password?: string }): string {
  const role = quoteIdentifier(input.role ?? DEFAULT_ROLE)
  const lines = [
    `-- Run as the owner of the tables (or a superuser), connected to the database ${quoteIdentifier(input.database)}.`,
    '-- The first time only (the role exists when the script is run again after a new map version):',
    `CREATE ROLE ${role} LOGIN PASSWORD ${quoteLiteral(input.password ?? PASSWORD_PLACEHOLDER)};`,
    `GRANT CONNECT ON DATABASE ${quoteIdentifier(input.database)} TO ${role};`,
  ]
  if (!input.map) {
    const schemas = input.schemas.length > 0 ? input.schemas : ['public']
    lines.push('-- No dataset map is saved yet: read access for discovery. Run the script again once the map is saved.')
    for (const schema of schemas) {
      lines.push(`GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${role};`, `GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} TO ${role};`)
    }
    return lines.join('\n') + '\n'
  }
  const needed = requiredPrivileges(input.map)
  // What an earlier script granted (discovery, an older map) goes first, so the role holds exactly this map's needs.
  for (const schema of [...new Set([...input.schemas, ...needed.map((t) => t.schema)])]) {
    lines.push(`REVOKE ALL ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} FROM ${role};`)
  }
  for (const schema of [...new Set(needed.map((t) => t.schema))]) lines.push(`GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${role};`)
  for (const t of needed) {
    const table = qualified(t.schema, t.table)
    lines.push(t.select === 'all' ? `GRANT SELECT ON ${table} TO ${role};` : `GRANT SELECT (${t.select.map(quoteIdentifier).join(', ')}) ON ${table} TO ${role};`)
    if (t.update.length > 0) lines.push(`GRANT UPDATE (${t.update.map(quoteIdentifier).join(', ')}) ON ${table} TO ${role};`)
    if (t.lockOnly) lines.push(`GRANT UPDATE (${quoteIdentifier(t.lockOnly)}) ON ${table} TO ${role}; -- only to lock rows (SELECT … FOR UPDATE): never written`)
    if (t.delete) lines.push(`GRANT DELETE ON ${table} TO ${role};`)
  }
  return lines.join('\n') + '\n'
}
