// Details of the Postgres connector: values of every common type reach the export as JSON
// without losing anything, and the erasure hash is keyed per workspace.
import { describe, expect, it } from 'vitest'
import { collectSubjectRows } from '~/modules/connectors/postgres/access.server'
import { connectPostgres } from '~/modules/connectors/postgres/client.server'
import { erasureHashKey, hashValue } from '~/modules/connectors/postgres/hash-key.server'
import { planTraversal } from '~/modules/connectors/postgres/traversal-plan'
import { withTenant } from '~/modules/db/tenant.server'
import { scratchDatabases, withClient } from '../support/database-url'
import { makeWorkspace } from '../support/factories'
import { rowsOf } from '../support/collection-rows'
import { settingsOf } from '../support/customer-connection'

const scratch = scratchDatabases('customer_types')

describe('values read from a customer’s database', () => {
  it('come as JSON that keeps them exact: big numbers, bytes, dates, JSON, arrays', async () => {
    const url = await scratch()
    await withClient(url, (client) =>
      client.query(`CREATE TABLE people (email text, big bigint, amount numeric(30,10), raw bytea, born date, seen timestamptz, doc jsonb, tags text[], ok boolean, n integer);
        INSERT INTO people VALUES ('a@example.com', 9223372036854775807, 12345678901234567890.0123456789, '\\xdeadbeef', '2000-02-29', '2026-12-04 10:00:00+00', '{"a": [1, 2]}', '{x,y}', true, 7)`),
    )
    const types = { email: 'text', big: 'bigint', amount: 'numeric(30,10)', raw: 'bytea', born: 'date', seen: 'timestamp with time zone', doc: 'jsonb', tags: 'text[]', ok: 'boolean', n: 'integer' }
    const columns = Object.entries(types).map(([name, type]) => ({
      name,
      type,
      identity: name === 'email' ? ('email' as const) : null,
      category: 'contact',
      strategy: 'delete_row' as const,
      keepReason: null,
    }))
    const plan = planTraversal({ tables: [{ schema: 'public', name: 'people', primaryKey: [], included: true, columns }], references: [] })
    const { settings, password } = settingsOf(url)
    const client = await connectPostgres(settings, password)
    const rows: Record<string, unknown>[] = []
    await collectSubjectRows(client, plan, 'A@Example.com', async (collection) => {
      for await (const row of rowsOf(collection)) rows.push(row)
    })
    await client.end()
    expect(JSON.parse(JSON.stringify(rows))).toEqual([
      {
        email: 'a@example.com',
        big: '9223372036854775807',
        amount: '12345678901234567890.0123456789',
        raw: '\\xdeadbeef',
        born: '2000-02-29',
        seen: expect.stringMatching(/^2026-12-04 \d\d:00:00/),
        doc: '{"a": [1, 2]}',
        tags: '{x,y}',
        ok: true,
        n: 7,
      },
    ])
  })
})

describe('the erasure hash', () => {
  it('is the same for a value within a workspace and different in another', async () => {
    const keyOf = async () => {
      const { workspace } = await makeWorkspace()
      return withTenant({ workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } }, (tx) => erasureHashKey(tx, workspace.id))
    }
    const [one, other] = [await keyOf(), await keyOf()]
    expect(hashValue(one, 'dana@example.com')).toBe(hashValue(one, 'dana@example.com'))
    expect(hashValue(one, 'dana@example.com')).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
    expect(hashValue(one, 'dana@example.com')).not.toBe(hashValue(other, 'dana@example.com'))
  })
})
