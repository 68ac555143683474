// "Test connection": connect as the system's settings say, and report what a member needs to
// know: the server's version, whether TLS is in use (and which version), the role Candor is,
// and, when a map is saved, which privileges the role still lacks on the mapped tables. A
// failure is said in words (describeConnectionError), never as a stack trace.
import type { DatasetMap } from '../dataset-map'
import type { PostgresSettings } from '../settings'
import { connectPostgres } from './client.server'
import { describeConnectionError } from './connection-errors'
import { quoteIdentifier, requiredPrivileges } from './grant-script'

export type ConnectionTest =
  | { ok: true; serverVersion: string; tls: string | null; role: string; missing: string[]; checkedTables: number }
  | { ok: false; message: string }

export async function testConnection(settings: PostgresSettings, password: string | null, map: DatasetMap | null): Promise<ConnectionTest> {
  let client
  try {
    client = await connectPostgres(settings, password)
  } catch (error) {
    return { ok: false, message: describeConnectionError(error) }
  }
  try {
    const { rows } = await client.query<{ version: string; tls: string | null; role: string }>(
      `SELECT current_setting('server_version') AS version, current_user AS role,
              (SELECT CASE WHEN ssl THEN version END FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls`,
    )
    const missing: string[] = []
    const needed = map ? requiredPrivileges(map) : []
    for (const table of needed) {
      const name = `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.table)}`
      const found = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [name])
      if (!found.rows[0]!.exists) {
        missing.push(`${table.schema}.${table.table}: the table does not exist (review the map)`)
        continue
      }
      const checks: [string, string | null][] = [
        ...(table.select === 'all' ? [['SELECT', null] as [string, null]] : table.select.map((column): [string, string] => ['SELECT', column])),
        ...[...table.update, ...(table.lockOnly ? [table.lockOnly] : [])].map((column): [string, string] => ['UPDATE', column]),
        ...(table.delete ? [['DELETE', null] as [string, null]] : []),
      ]
      for (const [privilege, column] of checks) {
        const held = column
          ? await client.query<{ held: boolean }>('SELECT has_column_privilege($1::regclass, $2, $3) AS held', [name, column, privilege])
          : await client.query<{ held: boolean }>('SELECT has_table_privilege($1::regclass, $2) AS held', [name, privilege])
        if (!held.rows[0]!.held) missing.push(`${privilege}${column ? ` (${column})` : ''} on ${table.schema}.${table.table}`)
      }
    }
    const row = rows[0]!
    return { ok: true, serverVersion: row.version, tls: row.tls, role: row.role, missing, checkedTables: needed.length }
  } catch (error) {
    return { ok: false, message: describeConnectionError(error) }
  } finally {
    await client.end().catch(() => {})
  }
}
