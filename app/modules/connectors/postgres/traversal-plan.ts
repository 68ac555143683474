// Which rows of a customer's database are the data subject's, as a plan computed from the dataset
// map alone (no database): where the search starts (identity columns holding an e-mail), which
// references lead from the subject's rows to more of them, which references are not followed and
// why, and in which order erasure works (children before parents). Decision 033 gives the rules.
import type { ColumnMap, DatasetMap, Reference, TableMap } from '../dataset-map'

export type TableName = string

/** A table of the plan: its map entry and its qualified name (`public.users`). */
export type PlannedTable = { id: TableName; table: TableMap }

/** Rows of `child` whose `childColumns` equal `parentColumns` of the subject's rows in `parent`. */
export type Edge = { parent: TableName; child: TableName; parentColumns: string[]; childColumns: string[] }

export type SkippedReference = { reference: Reference; why: 'self_reference' | 'person_table' | 'not_included' }

export type TraversalPlan = {
  /** The included tables. */
  tables: Map<TableName, PlannedTable>
  /** Every table of the map, included or not (a table left out may still point at erased rows). */
  allTables: Map<TableName, TableMap>
  /** Tables searched by the subject's e-mail: their e-mail identity columns. */
  seeds: { table: TableName; columns: string[] }[]
  /** References followed from the subject's rows to the rows that point at them. */
  edges: Edge[]
  skipped: SkippedReference[]
  /** Tables the subject's rows can be in, children before parents (erasure's order). */
  eraseOrder: TableName[]
  /** Every reference into a table, followed or not: erasing a row must clear or follow them all. */
  incoming: Map<TableName, Edge[]>
}

export const tableId = (schema: string, name: string): TableName => `${schema}.${name}`

const hasEmailIdentity = (table: TableMap) => table.columns.some((column) => column.identity === 'email')

/**
 * The plan for `map`. A table is reached when it holds an e-mail identity column (searched by the
 * subject's e-mail) or through a followed reference. References are followed from the referenced
 * (parent) rows to the referencing (child) rows only, never upwards: a product the subject
 * ordered, an organisation they are a member of, are shared with other people. Not followed: a
 * table's reference to itself (the users a subject referred, replies to their comments are other
 * people's rows) and references into a person table (one with its own e-mail identity column: its
 * rows are the subject's only when their own e-mail matches).
 */
export function planTraversal(map: DatasetMap): TraversalPlan {
  const tables = new Map<TableName, PlannedTable>()
  for (const table of map.tables) if (table.included) tables.set(tableId(table.schema, table.name), { id: tableId(table.schema, table.name), table })

  const seeds = [...tables.values()]
    .filter(({ table }) => hasEmailIdentity(table))
    .map(({ id, table }) => ({ table: id, columns: table.columns.filter((c) => c.identity === 'email').map((c) => c.name) }))

  const edges: Edge[] = []
  const skipped: SkippedReference[] = []
  const incoming = new Map<TableName, Edge[]>()
  for (const reference of map.references) {
    const edge: Edge = {
      parent: tableId(reference.to.schema, reference.to.table),
      child: tableId(reference.from.schema, reference.from.table),
      parentColumns: reference.to.columns,
      childColumns: reference.from.columns,
    }
    incoming.set(edge.parent, [...(incoming.get(edge.parent) ?? []), edge])
    const child = tables.get(edge.child)
    if (!child || !tables.has(edge.parent)) skipped.push({ reference, why: 'not_included' })
    else if (edge.child === edge.parent) skipped.push({ reference, why: 'self_reference' })
    else if (hasEmailIdentity(child.table)) skipped.push({ reference, why: 'person_table' })
    else edges.push(edge)
  }

  const reached = reachableTables(seeds.map((s) => s.table), edges)
  const between = [...incoming.values()].flat().filter((e) => e.child !== e.parent && reached.has(e.child) && reached.has(e.parent))
  const allTables = new Map(map.tables.map((t) => [tableId(t.schema, t.name), t]))
  return { tables, allTables, seeds, edges: edges.filter((e) => reached.has(e.parent)), skipped, eraseOrder: childrenFirst(reached, between), incoming }
}

function reachableTables(start: TableName[], edges: Edge[]): Set<TableName> {
  const reached = new Set(start)
  const queue = [...start]
  while (queue.length > 0) {
    const parent = queue.shift()!
    for (const edge of edges) {
      if (edge.parent === parent && !reached.has(edge.child)) {
        reached.add(edge.child)
        queue.push(edge.child)
      }
    }
  }
  return reached
}

/**
 * The reached tables with every referencing table before the tables it references (a depth-first
 * post-order over the references between them, followed or not), so a row is changed or deleted
 * before the rows it points at are deleted. A cycle between tables has no such order: its tables come in the order
 * met, and a reference the database enforces then names itself in the erasure's error.
 */
function childrenFirst(reached: Set<TableName>, edges: Edge[]): TableName[] {
  const order: TableName[] = []
  const visiting = new Set<TableName>()
  const done = new Set<TableName>()
  const visit = (table: TableName) => {
    if (done.has(table) || visiting.has(table)) return
    visiting.add(table)
    for (const edge of edges) if (edge.parent === table) visit(edge.child)
    visiting.delete(table)
    done.add(table)
    order.push(table)
  }
  for (const table of [...reached].sort()) visit(table)
  return order
}

/** What erasure does to a table's rows: delete them, change some columns, or nothing. */
export type TableErasure =
  | { kind: 'delete' }
  | { kind: 'change'; columns: { column: ColumnMap; strategy: 'null' | 'mask' | 'hash' }[]; kept: ColumnMap[] }
  | { kind: 'keep'; kept: ColumnMap[] }

/** Personal columns only (a category or an identity) take part; other columns are left as they are. */
const personal = (column: ColumnMap) => column.category !== null || column.identity !== null

export function tableErasure(table: TableMap): TableErasure {
  if (table.columns.some((c) => c.strategy === 'delete_row')) return { kind: 'delete' }
  const kept = table.columns.filter((c) => personal(c) && c.strategy === 'keep')
  const columns = table.columns
    .filter((c) => personal(c) && c.strategy !== 'keep')
    .map((column) => ({ column, strategy: column.strategy as 'null' | 'mask' | 'hash' }))
  return columns.length > 0 ? { kind: 'change', columns, kept } : { kind: 'keep', kept }
}
