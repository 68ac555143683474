// A saved map against a database that changed since: each kind of drift, and none when nothing changed.
import { describe, expect, it } from 'vitest'
import { CUSTOMER_CATALOG } from '../../../../tests/support/customer-catalog'
import type { Catalog } from './catalog'
import { compareWithCatalog, driftLines, hasDrift } from './map-drift'
import { proposeMap } from './propose-map'

const saved = proposeMap(CUSTOMER_CATALOG)

function changed(edit: (catalog: Catalog) => void): Catalog {
  const catalog = structuredClone(CUSTOMER_CATALOG)
  edit(catalog)
  return catalog
}
const table = (catalog: Catalog, name: string) => catalog.tables.find((t) => t.name === name)!

describe('compareWithCatalog', () => {
  it('finds nothing when the database is as it was mapped', () => {
    expect(hasDrift(compareWithCatalog(saved, CUSTOMER_CATALOG))).toBe(false)
  })

  it.each([
    ['a new table', (c: Catalog) => c.tables.push({ schema: 'public', name: 'coupons', primaryKey: ['code'], columns: [{ name: 'code', type: 'text', nullable: false }] }), 'public.coupons: not yet mapped (new in the database)'],
    ['a dropped table', (c: Catalog) => c.tables.splice(c.tables.indexOf(table(c, 'events')), 1), 'public.events: gone from the database'],
    ['a dropped column', (c: Catalog) => table(c, 'users').columns.splice(3, 1), 'public.users.phone: gone from the database'],
    ['a changed type', (c: Catalog) => (table(c, 'orders').columns[3]!.type = 'bigint'), 'public.orders.total_cents: type changed from integer to bigint'],
    ['a new column', (c: Catalog) => table(c, 'users').columns.push({ name: 'nickname', type: 'text', nullable: true }), 'public.users.nickname: new column, not yet mapped'],
  ])('%s', (_, edit, line) => {
    const drift = compareWithCatalog(saved, changed(edit))
    expect(hasDrift(drift)).toBe(true)
    expect(driftLines(drift)).toEqual([line])
  })
})
