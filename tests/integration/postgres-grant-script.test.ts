// The printed GRANT script run on a real customer database: as the role it creates, Candor can
// discover the schema, test the connection, and run the engine's erasure with the map (its
// verification included), and nothing more (a column the map does not change, a table whose rows stay,
// a table left out of the map are refused by the database itself).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { datasetMapSchema } from '~/modules/connectors/dataset-map'
import { discoverCatalog } from '~/modules/connectors/postgres/catalog.server'
import { testConnection } from '~/modules/connectors/postgres/connection-test.server'
import { eraseSubjectRows } from '~/modules/connectors/postgres/erasure.server'
import { grantScript } from '~/modules/connectors/postgres/grant-script'
import { planTraversal } from '~/modules/connectors/postgres/traversal-plan'
import { columnsNeedingGround, proposeMap } from '~/modules/connectors/postgres/propose-map'
import { addCustomer, customerDatabases, REFUSED_LOGIN } from '../support/customer-database'
import { CUSTOMER_CATALOG } from '../support/customer-catalog'
import { scratchRoles, settingsOf } from '../support/customer-connection'
import { withClient } from '../support/database-url'

const customerDatabase = customerDatabases()
const scratchRole = scratchRoles()

function reviewedMap() {
  const map = proposeMap(CUSTOMER_CATALOG)
  for (const { table, column } of columnsNeedingGround(map)) {
    map.tables.find((t) => `${t.schema}.${t.name}` === table)!.columns.find((c) => c.name === column)!.keepReason = 'Kept with the order for 10 years (tax law).'
  }
  return datasetMapSchema.parse(map)
}

async function asRole(url: string, role: { role: string; password: string }) {
  const { settings } = settingsOf(url)
  return { settings: { ...settings, user: role.role }, password: role.password }
}

describe('the GRANT script', () => {
  it('before a map: the role can connect and discover the schema, and change nothing', async () => {
    const url = await customerDatabase()
    const role = scratchRole()
    role.dropIn(url)
    const database = new URL(url).pathname.slice(1)
    await withClient(url, (client) => client.query(grantScript({ database, role: role.role, map: null, schemas: ['public'], password: role.password })))
    const { settings, password } = await asRole(url, role)
    const discovered = await discoverCatalog(settings, password)
    expect(discovered).toEqual({ catalog: CUSTOMER_CATALOG })
    const tested = await testConnection(settings, password, null)
    expect(tested).toMatchObject({ ok: true, role: role.role, tls: null, missing: [] })
    expect(tested.ok && tested.serverVersion).toMatch(/^\d+/)
    await withClient(url.replace(/\/\/[^@]+@/, `//${role.role}:${role.password}@`), async (client) => {
      await expect(client.query(`DELETE FROM addresses`)).rejects.toMatchObject({ code: '42501' })
    })
  })

  it('with a map: SELECT on mapped tables, UPDATE on the erased columns, DELETE where rows go; the rest refused', async () => {
    const url = await customerDatabase()
    const role = scratchRole()
    role.dropIn(url)
    const database = new URL(url).pathname.slice(1)
    const map = reviewedMap()
    const userId = await withClient(url, (client) => addCustomer(client, 'dana@example.com'))
    const { settings, password } = await asRole(url, role)
    // Before the script: the role does not exist.
    expect(await testConnection(settings, password, map)).toEqual({ ok: false, message: expect.stringMatching(REFUSED_LOGIN) })

    await withClient(url, async (client) => {
      await client.query(grantScript({ database, role: role.role, map: null, schemas: ['public'], password: role.password }))
      // Run again once the map is saved: the role exists, so its CREATE ROLE line is left out as the script says.
      const again = grantScript({ database, role: role.role, map, schemas: ['public'] }).split('\n').filter((line) => !line.startsWith('CREATE ROLE'))
      await client.query(again.join('\n'))
    })
    const tested = await testConnection(settings, password, map)
    expect(tested).toMatchObject({ ok: true, missing: [], checkedTables: 11 })

    await withClient(url.replace(/\/\/[^@]+@/, `//${role.role}:${role.password}@`), async (client) => {
      // The engine's own erasure, as this role: every statement it runs is allowed, and it verifies.
      const receipt = await eraseSubjectRows(client, {
        plan: planTraversal(map),
        email: 'dana@example.com',
        system: 'Shop database',
        mapVersion: 1,
        hashKey: randomBytes(32),
        beforeCommit: async () => {},
      })
      expect(receipt.verification).toMatchObject({ passed: true, remaining: 0 })
      expect(receipt.items.find((item) => item.what.includes('addresses'))?.count).toBe(1)
      expect((await client.query('SELECT full_name FROM users WHERE id = $1', [userId])).rows).toEqual([{ full_name: null }])
      for (const refused of [
        `UPDATE users SET created_at = now() WHERE id = ${userId}`,
        `DELETE FROM users WHERE id = ${userId}`,
        `DELETE FROM orders WHERE user_id = ${userId}`,
        `SELECT * FROM products`,
      ]) {
        await expect(client.query(refused), refused).rejects.toMatchObject({ code: '42501' })
      }
    })
    // A privilege taken away shows up in the test, by name.
    await withClient(url, (client) => client.query(`REVOKE DELETE ON addresses FROM "${role.role}"`))
    expect(await testConnection(settings, password, map)).toMatchObject({ ok: true, missing: ['DELETE on public.addresses'] })
  })
})
