// The least-privilege script a customer's DBA runs to give Candor its own role: SELECT on the
// mapped tables only, UPDATE only on the columns erasure changes (null, mask, hash), DELETE only
// on the tables whose rows it deletes. Before a map is saved, SELECT on the discovered schemas'
// tables, for discovery. Every name is quoted, so no table name can change the script.
import type { DatasetMap } from '../dataset-map'

export const DEFAULT_ROLE = 'candor_privacy'
/** Stands for the password in the printed script: the DBA chooses it and types it into Candor. */
export const PASSWORD_PLACEHOLDER = '<choose one>'

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`
const qualified = (schema: string, table: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`

export type TablePrivileges = { schema: string; table: string; select: boolean; update: string[]; delete: boolean }

/** What the role needs on each included table of `map` for access and erasure. */
export function requiredPrivileges(map: DatasetMap): TablePrivileges[] {
  return map.tables
    .filter((t) => t.included)
    .map((t) => ({
      schema: t.schema,
      table: t.name,
      select: true,
      update: t.columns.filter((c) => c.strategy === 'null' || c.strategy === 'mask' || c.strategy === 'hash').map((c) => c.name),
      delete: t.columns.some((c) => c.strategy === 'delete_row'),
    }))
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
    lines.push(`GRANT SELECT ON ${table} TO ${role};`)
    if (t.update.length > 0) lines.push(`GRANT UPDATE (${t.update.map(quoteIdentifier).join(', ')}) ON ${table} TO ${role};`)
    if (t.delete) lines.push(`GRANT DELETE ON ${table} TO ${role};`)
  }
  return lines.join('\n') + '\n'
}
