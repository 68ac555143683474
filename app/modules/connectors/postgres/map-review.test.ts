// The saved map brought up to date with the database for review.
import { describe, expect, it } from 'vitest'
import { CUSTOMER_CATALOG } from '../../../../tests/support/customer-catalog'
import { mapUnderReview } from './map-review'
import { proposeMap } from './propose-map'

const saved = proposeMap(CUSTOMER_CATALOG)

describe('mapUnderReview', () => {
  it('is the proposal before the first save, and the saved map when the database cannot be read', () => {
    expect(mapUnderReview(null, CUSTOMER_CATALOG)).toEqual({ map: saved, fresh: [] })
    expect(mapUnderReview(saved, null)).toEqual({ map: saved, fresh: [] })
    expect(mapUnderReview(null, null)).toBeNull()
  })

  it('adds what appeared (left out until included), drops what is gone, takes the new types', () => {
    const catalog = structuredClone(CUSTOMER_CATALOG)
    catalog.tables.push({ schema: 'public', name: 'loyalty_cards', primaryKey: ['id'], columns: [{ name: 'id', type: 'bigint', nullable: false }, { name: 'user_id', type: 'bigint', nullable: false }] })
    catalog.foreignKeys.push({ from: { schema: 'public', table: 'loyalty_cards', columns: ['user_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } })
    catalog.tables = catalog.tables.filter((t) => t.name !== 'events')
    catalog.tables.find((t) => t.name === 'users')!.columns.push({ name: 'nickname', type: 'text', nullable: true })
    catalog.tables.find((t) => t.name === 'orders')!.columns[3]!.type = 'bigint'
    const review = mapUnderReview(saved, catalog)!
    expect(review.fresh).toEqual(['public.users.nickname', 'public.loyalty_cards'])
    const table = (name: string) => review.map.tables.find((t) => t.name === name)
    expect(table('events')).toBeUndefined()
    expect(table('loyalty_cards')).toMatchObject({ included: false, columns: [{ name: 'id', strategy: 'delete_row' }, { name: 'user_id', identity: 'user_id', strategy: 'delete_row' }] })
    expect(table('orders')!.columns[3]).toMatchObject({ name: 'total_cents', type: 'bigint' })
    expect(review.map.references.some((r) => r.from.table === 'events')).toBe(false)
    expect(review.map.references.some((r) => r.from.table === 'loyalty_cards')).toBe(true)
  })
})
