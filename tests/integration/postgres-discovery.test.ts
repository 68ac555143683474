// Discovery on a real customer database: the catalogue read from the twelve-table schema is the
// one the unit tests use (tests/support/customer-catalog.ts), a table or column added later is
// seen, and a connection that cannot be made is said in words.
import { describe, expect, it } from 'vitest'
import { discoverCatalog, readCatalog } from '~/modules/connectors/postgres/catalog.server'
import { compareWithCatalog, driftLines } from '~/modules/connectors/postgres/map-drift'
import { proposeMap } from '~/modules/connectors/postgres/propose-map'
import { customerDatabases, REFUSED_LOGIN, UNKNOWN_ROLE } from '../support/customer-database'
import { CUSTOMER_CATALOG } from '../support/customer-catalog'
import { settingsOf } from '../support/customer-connection'
import { withClient } from '../support/database-url'

const customerDatabase = customerDatabases()

describe('discovery', () => {
  it('reads the customer schema as the unit tests know it: columns, types, composite and missing keys', async () => {
    const url = await customerDatabase()
    expect(await withClient(url, readCatalog)).toEqual(CUSTOMER_CATALOG)
  })

  it('sees a table, a column and a type change made after the map was proposed, in other schemas too', async () => {
    const url = await customerDatabase()
    const { settings, password } = settingsOf(url)
    const before = await discoverCatalog(settings, password)
    if (!('catalog' in before)) throw new Error(before.error)
    const saved = proposeMap(before.catalog)
    await withClient(url, (client) =>
      client.query(`CREATE SCHEMA crm;
        CREATE TABLE crm."Leads" (id uuid PRIMARY KEY, owner bigint REFERENCES users (id), email text);
        ALTER TABLE users ADD COLUMN nickname text;
        ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
        ALTER TABLE events DROP COLUMN ip_address;
        CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE parted_2026 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`),
    )
    const after = await discoverCatalog(settings, password)
    if (!('catalog' in after)) throw new Error(after.error)
    expect(driftLines(compareWithCatalog(saved, after.catalog))).toEqual([
      'crm.Leads: not yet mapped (new in the database)',
      'public.parted: not yet mapped (new in the database)',
      'public.events.ip_address: gone from the database',
      'public.orders.total_cents: type changed from integer to bigint',
      'public.users.nickname: new column, not yet mapped',
    ])
    expect(after.catalog.foreignKeys).toContainEqual({ from: { schema: 'crm', table: 'Leads', columns: ['owner'] }, to: { schema: 'public', table: 'users', columns: ['id'] } })
  })

  it('says in words why it could not read the catalogue', async () => {
    const url = await customerDatabase()
    const { settings } = settingsOf(url)
    expect(await discoverCatalog({ ...settings, user: UNKNOWN_ROLE }, 'not the password')).toEqual({ error: expect.stringMatching(REFUSED_LOGIN) })
    expect(await discoverCatalog({ ...settings, database: 'no_such_database' }, settingsOf(url).password)).toEqual({ error: 'There is no database of this name on the server.' })
    expect(await discoverCatalog({ ...settings, port: 1 }, null)).toEqual({ error: 'Nothing answers on this host and port.' })
  })
})
