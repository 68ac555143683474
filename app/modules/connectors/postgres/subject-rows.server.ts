// Finding the data subject's rows in a customer's database by the traversal plan: the e-mail
// searches first, then each followed reference from the rows found, until no new row turns up
// (so a cycle of references ends). Rows are held as ctids per table; erasure locks them as it
// finds them (FOR UPDATE), so they cannot change or gain new children until it commits.
import type pg from 'pg'
import { COLUMNS_SQL, edgeSql, seedSql } from './sql'
import type { TableName, TraversalPlan } from './traversal-plan'

/** The subject's rows per table, as ctids. */
export type SubjectRows = Map<TableName, Set<string>>

/** One statement as it ran, for the dry run: its SQL, its parameters and how many rows it gave. */
export type Step = { what: string; sql: string; params: unknown[]; rows: number }

/** Runs a statement; the dry run's runner also records it. */
export type Run = (what: string, sql: string, params: unknown[]) => Promise<pg.QueryResult>

/** `= ANY($1)` arrays are sent in batches of this many values. */
export const BATCH = 5000

export const batches = <T>(values: T[]): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += BATCH) out.push(values.slice(i, i + BATCH))
  return out
}

export async function findSubjectRows(run: Run, plan: TraversalPlan, email: string, options: { lock: boolean }): Promise<SubjectRows> {
  const found: SubjectRows = new Map([...plan.tables.keys()].map((t) => [t, new Set<string>()]))
  const fresh = new Map<TableName, string[]>()
  const add = (table: TableName, ctids: string[]) => {
    const known = found.get(table)!
    const added = ctids.filter((ctid) => !known.has(ctid))
    for (const ctid of added) known.add(ctid)
    if (added.length > 0) fresh.set(table, [...(fresh.get(table) ?? []), ...added])
  }
  for (const seed of plan.seeds) {
    const table = plan.tables.get(seed.table)!.table
    const result = await run(`${seed.table}: rows whose ${seed.columns.join(' or ')} is the e-mail`, seedSql(table, seed.columns, options.lock), [email.toLowerCase()])
    add(seed.table, result.rows.map((r) => r.ctid as string))
  }
  while (fresh.size > 0) {
    const [parent, ctids] = fresh.entries().next().value as [TableName, string[]]
    fresh.delete(parent)
    for (const edge of plan.edges.filter((e) => e.parent === parent)) {
      const sql = edgeSql(edge, plan.tables.get(parent)!.table, plan.tables.get(edge.child)!.table, options.lock)
      for (const batch of batches(ctids)) {
        const result = await run(`${edge.child}: rows whose ${edge.childColumns.join(', ')} point at ${parent} rows found`, sql, [batch])
        add(edge.child, result.rows.map((r) => r.ctid as string))
      }
    }
  }
  return found
}

/** The map no longer matches the database: a table or column is gone, or a column's type changed. */
export class MapMismatchError extends Error {}

const baseType = (type: string) => type.replace(/\(.*\)/, '').trim().toLowerCase()

/** Check that every included table and mapped column still exists, with the type the map says. */
export async function checkMapAgainstDatabase(run: Run, plan: TraversalPlan): Promise<void> {
  const tables = [...plan.tables.values()].map((t) => t.table)
  const result = await run('the mapped tables’ columns and types', COLUMNS_SQL, [tables.map((t) => t.schema), tables.map((t) => t.name)])
  const actual = new Map(result.rows.map((r) => [`${r.schema}.${r.table}.${r.column}`, r.type as string]))
  for (const table of tables) {
    const name = `${table.schema}.${table.name}`
    if (!result.rows.some((r) => r.schema === table.schema && r.table === table.name)) {
      throw new MapMismatchError(`The table ${name} in the dataset map no longer exists in the database: review the map.`)
    }
    for (const column of table.columns) {
      const type = actual.get(`${name}.${column.name}`)
      if (type === undefined) throw new MapMismatchError(`The column ${name}.${column.name} in the dataset map no longer exists in the database: review the map.`)
      if (baseType(type) !== baseType(column.type)) {
        throw new MapMismatchError(`The column ${name}.${column.name} is now of type ${type}, the dataset map says ${column.type}: review the map.`)
      }
    }
  }
}
