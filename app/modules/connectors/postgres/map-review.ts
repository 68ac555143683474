// The map a member reviews on a data system's page: the saved version brought up to date with
// the database (tables and columns that appeared are added, marked new and left out until a
// member includes them; what is gone is dropped; changed types take the database's), or, before
// the first save, the proposal. What changed is listed apart (map-drift.ts), so nothing in the
// form changes without the page saying so.
import type { ColumnMap, DatasetMap } from '../dataset-map'
import { type Catalog, tableKey } from './catalog'
import { LEFT_OUT, proposeMap } from './propose-map'

export type MapUnderReview = {
  map: DatasetMap
  /** `schema.table` of tables, and `schema.table.column` of columns, that the saved map does not have yet. */
  fresh: string[]
}

export function mapUnderReview(saved: DatasetMap | null, catalog: Catalog | null): MapUnderReview | null {
  if (!catalog) return saved ? { map: saved, fresh: [] } : null
  const proposal = proposeMap(catalog)
  if (!saved) return { map: proposal, fresh: [] }
  const live = new Map(catalog.tables.map((t) => [tableKey(t), t]))
  const proposed = new Map(proposal.tables.map((t) => [tableKey(t), t]))
  const fresh: string[] = []
  const leftOut = (column: ColumnMap): ColumnMap => (column.strategy === 'keep' && !column.keepReason ? { ...column, keepReason: LEFT_OUT } : column)
  const tables = saved.tables
    .filter((t) => live.has(tableKey(t)))
    .map((table) => {
      const now = live.get(tableKey(table))!
      const columns = now.columns.map((column) => {
        const mapped = table.columns.find((c) => c.name === column.name)
        if (mapped) return { ...mapped, type: column.type }
        fresh.push(`${tableKey(table)}.${column.name}`)
        const suggestion = proposed.get(tableKey(table))!.columns.find((c) => c.name === column.name)!
        return table.included ? suggestion : leftOut(suggestion)
      })
      return { ...table, primaryKey: now.primaryKey, columns }
    })
  for (const table of proposal.tables) {
    if (saved.tables.some((t) => tableKey(t) === tableKey(table))) continue
    fresh.push(tableKey(table))
    tables.push({ ...table, included: false, columns: table.columns.map(leftOut) })
  }
  const present = new Set(tables.map(tableKey))
  const hasColumns = (side: { schema: string; table: string; columns: string[] }) => {
    const table = tables.find((t) => tableKey(t) === tableKey(side))
    return table !== undefined && side.columns.every((c) => table.columns.some((col) => col.name === c))
  }
  const references = [
    ...saved.references.filter((r) => present.has(tableKey(r.from)) && present.has(tableKey(r.to)) && hasColumns(r.from) && hasColumns(r.to)),
    ...proposal.references.filter(
      (r) => !saved.references.some((s) => JSON.stringify([s.from, s.to]) === JSON.stringify([r.from, r.to])) && hasColumns(r.from) && hasColumns(r.to),
    ),
  ]
  return { map: { tables, references }, fresh }
}
