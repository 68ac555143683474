// The printed least-privilege script: discovery before a map, then exactly what the map needs,
// every name quoted (tests/integration/postgres-grant-script.test.ts runs it on a real database).
import { describe, expect, it } from 'vitest'
import { CUSTOMER_CATALOG } from '../../../../tests/support/customer-catalog'
import type { DatasetMap } from '../dataset-map'
import { grantScript, quoteIdentifier, requiredPrivileges } from './grant-script'
import { proposeMap } from './propose-map'

const map: DatasetMap = proposeMap(CUSTOMER_CATALOG)

describe('grantScript', () => {
  it('before a map: the role, CONNECT, and SELECT on the discovered schemas for discovery', () => {
    expect(grantScript({ database: 'shop', map: null, schemas: ['public', 'billing'] })).toBe(
      [
        '-- Run as the owner of the tables (or a superuser), connected to the database "shop".',
        '-- The first time only (the role exists when the script is run again after a new map version):',
        `CREATE ROLE "candor_privacy" LOGIN PASSWORD '<choose one>';`,
        'GRANT CONNECT ON DATABASE "shop" TO "candor_privacy";',
        '-- No dataset map is saved yet: read access for discovery. Run the script again once the map is saved.',
        'GRANT USAGE ON SCHEMA "public" TO "candor_privacy";',
        'GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "candor_privacy";',
        'GRANT USAGE ON SCHEMA "billing" TO "candor_privacy";',
        'GRANT SELECT ON ALL TABLES IN SCHEMA "billing" TO "candor_privacy";',
        '',
      ].join('\n'),
    )
  })

  it('with a map: SELECT on included tables, UPDATE on the changed columns only, DELETE where rows are deleted', () => {
    const script = grantScript({ database: 'shop', map, schemas: ['public'] })
    expect(script).toContain('REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "candor_privacy";')
    expect(script).toContain('GRANT UPDATE ("email", "full_name", "phone", "date_of_birth", "referred_by") ON "public"."users" TO "candor_privacy";')
    expect(script).toContain('GRANT DELETE ON "public"."addresses" TO "candor_privacy";')
    expect(script).not.toContain('GRANT DELETE ON "public"."users"')
    expect(script).not.toContain('"products"')
    expect(script).not.toMatch(/UPDATE \([^)]*"id"[^)]*\) ON "public"."users"/)
    // Erasure locks rows with SELECT … FOR UPDATE, which needs UPDATE on one column, even where it deletes.
    expect(script).toContain('GRANT UPDATE ("id") ON "public"."addresses" TO "candor_privacy"; -- only to lock rows (SELECT … FOR UPDATE): never written')
    expect(script).toContain('GRANT UPDATE ("user_id") ON "public"."events" TO "candor_privacy"; -- only to lock rows')
    expect(script.match(/^GRANT SELECT/gm)).toHaveLength(11)
  })

  it('quotes names so none can end the statement, and the password literal', () => {
    expect(quoteIdentifier('we"ird; DROP TABLE x')).toBe('"we""ird; DROP TABLE x"')
    const script = grantScript({ database: 'a"b', role: 'r"x', map: null, schemas: ['s"c'], password: "it's" })
    expect(script).toContain(`CREATE ROLE "r""x" LOGIN PASSWORD 'it''s';`)
    expect(script).toContain('GRANT SELECT ON ALL TABLES IN SCHEMA "s""c" TO "r""x";')
  })

  it('lists the privileges per table for test connection', () => {
    expect(requiredPrivileges(map).find((t) => t.table === 'orders')).toEqual({ schema: 'public', table: 'orders', select: 'all', update: ['shipping_address_id'], delete: false })
    // A comment's reply_to points at comments that erasure deletes: it is cleared first.
    expect(requiredPrivileges(map).find((t) => t.table === 'ticket_comments')).toMatchObject({ update: ['reply_to'], delete: true })
  })

  it('lets erasure clear references from a table left out of the map into rows it deletes, and no more', () => {
    const changed = structuredClone(map)
    changed.tables.find((t) => t.name === 'events')!.included = false
    for (const column of changed.tables.find((t) => t.name === 'users')!.columns) column.strategy = 'delete_row'
    expect(requiredPrivileges(changed).find((t) => t.table === 'events')).toEqual({ schema: 'public', table: 'events', select: ['user_id'], update: ['user_id'], delete: false })
    expect(grantScript({ database: 'shop', map: changed, schemas: ['public'] })).toContain('GRANT SELECT ("user_id") ON "public"."events" TO "candor_privacy";\nGRANT UPDATE ("user_id") ON "public"."events" TO "candor_privacy";')
  })
})
