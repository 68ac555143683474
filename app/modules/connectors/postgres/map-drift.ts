// How a saved dataset map and the database have drifted apart since it was saved: tables that
// appeared (not yet mapped), mapped tables or columns that are gone, columns whose type changed,
// columns added to a mapped table. Shown on the data system's page, and checked before a task
// runs so an erasure never works from a map that no longer fits.
import type { DatasetMap } from '../dataset-map'
import { type Catalog, tableKey } from './catalog'

export type MapDrift = {
  notYetMapped: string[]
  goneTables: string[]
  goneColumns: { table: string; column: string }[]
  newColumns: { table: string; column: string }[]
  typeChanged: { table: string; column: string; was: string; now: string }[]
}

export function compareWithCatalog(map: DatasetMap, catalog: Catalog): MapDrift {
  const live = new Map(catalog.tables.map((t) => [tableKey(t), t]))
  const mapped = new Set(map.tables.map(tableKey))
  const drift: MapDrift = {
    notYetMapped: catalog.tables.map(tableKey).filter((key) => !mapped.has(key)),
    goneTables: [],
    goneColumns: [],
    newColumns: [],
    typeChanged: [],
  }
  for (const table of map.tables) {
    const key = tableKey(table)
    const now = live.get(key)
    if (!now) {
      drift.goneTables.push(key)
      continue
    }
    for (const column of table.columns) {
      const current = now.columns.find((c) => c.name === column.name)
      if (!current) drift.goneColumns.push({ table: key, column: column.name })
      else if (current.type !== column.type) drift.typeChanged.push({ table: key, column: column.name, was: column.type, now: current.type })
    }
    for (const column of now.columns) {
      if (!table.columns.some((c) => c.name === column.name)) drift.newColumns.push({ table: key, column: column.name })
    }
  }
  return drift
}

export const hasDrift = (drift: MapDrift) => Object.values(drift).some((list) => list.length > 0)

/** One line per difference, for the page (and a task's message). */
export function driftLines(drift: MapDrift): string[] {
  return [
    ...drift.notYetMapped.map((t) => `${t}: not yet mapped (new in the database)`),
    ...drift.goneTables.map((t) => `${t}: gone from the database`),
    ...drift.goneColumns.map((c) => `${c.table}.${c.column}: gone from the database`),
    ...drift.typeChanged.map((c) => `${c.table}.${c.column}: type changed from ${c.was} to ${c.now}`),
    ...drift.newColumns.map((c) => `${c.table}.${c.column}: new column, not yet mapped`),
  ]
}
