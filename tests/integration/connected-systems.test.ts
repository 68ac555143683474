// Connected data systems as stored (issue 17, decision 031): the secret is sealed to its row and
// column and never in an audit entry; settings are checked per kind; dataset maps are numbered
// versions, a bad map writes nothing, and two saves at once get distinct numbers.
import { describe, expect, it } from 'vitest'
import { addConnectedSystem, changeConnectedSystem, currentMap, DataSystemError, saveMap } from '~/modules/connectors/data-systems.server'
import type { DatasetMap } from '~/modules/connectors/dataset-map'
import { decryptSecret, DecryptionError } from '~/modules/crypto/envelope.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { dataSystemSecretBinding } from '~/modules/dsar/external-task.server'
import { makeOwnedWorkspace } from '../support/factories'

const PASSWORD = 'correct horse battery staple'

const postgres = (name: string) =>
  ({ kind: 'postgres', name, settings: { host: 'db.example.com', port: 5432, database: 'app', user: 'candor_privacy', tls: 'verify-full', statementTimeoutSeconds: 30 }, secret: PASSWORD }) as const

const MAP: DatasetMap = {
  tables: [
    {
      schema: 'public',
      name: 'users',
      primaryKey: ['id'],
      included: true,
      columns: [
        { name: 'id', type: 'bigint', identity: 'user_id', category: 'identifier', strategy: 'delete_row', keepReason: null },
        { name: 'email', type: 'text', identity: 'email', category: 'contact', strategy: 'delete_row', keepReason: null },
      ],
    },
  ],
  references: [],
}

async function setUp() {
  const made = await makeOwnedWorkspace()
  const scope = { workspaceId: made.workspace.id, actor: { type: 'user' as const, userId: made.owner.id } }
  const run = <T>(work: Parameters<typeof withTenant<T>>[1]) => withTenant(scope, work)
  return { made, scope, run }
}

describe('connected data systems', () => {
  it('seals the secret to its row: it opens there and nowhere else, and no audit entry holds it', async () => {
    const { made, scope, run } = await setUp()
    const { id } = await run((tx) => addConnectedSystem(tx, scope, postgres('Product database')))
    const { other } = await run(async (tx) => ({ other: await addConnectedSystem(tx, scope, postgres('Analytics')) }))
    const stored = (await ownerPool().query<{ secret: string }>('SELECT secret FROM data_system WHERE id = $1', [id])).rows[0]!.secret
    expect(stored).not.toContain(PASSWORD)
    expect(await run((tx) => decryptSecret(tx, made.workspace.id, dataSystemSecretBinding(id), stored))).toBe(PASSWORD)
    // Copied onto another system's row, it does not open.
    await expect(run((tx) => decryptSecret(tx, made.workspace.id, dataSystemSecretBinding(other.id), stored))).rejects.toBeInstanceOf(DecryptionError)
    const audit = await ownerPool().query<{ after: unknown }>("SELECT after FROM audit_entry WHERE workspace_id = $1 AND action = 'data_system.add'", [made.workspace.id])
    expect(audit.rows).toHaveLength(2)
    expect(JSON.stringify(audit.rows)).not.toContain(PASSWORD)
    expect(JSON.stringify(audit.rows)).toContain('"sealed":"set"')
  })

  it('refuses settings that do not fit the kind, and a second system of the same name, writing nothing', async () => {
    const { made, scope, run } = await setUp()
    await expect(
      run((tx) => addConnectedSystem(tx, scope, { ...postgres('Bad'), settings: { ...postgres('Bad').settings, port: 70_000 } })),
    ).rejects.toThrow()
    await expect(
      run((tx) => addConnectedSystem(tx, scope, { ...postgres('Bad'), settings: { ...postgres('Bad').settings, host: 'db\u0000.example.com' } })),
    ).rejects.toThrow(/control characters/)
    await run((tx) => addConnectedSystem(tx, scope, postgres('Product database')))
    await expect(run((tx) => addConnectedSystem(tx, scope, postgres('product DATABASE')))).rejects.toBeInstanceOf(DataSystemError)
    const { rows } = await ownerPool().query("SELECT name FROM data_system WHERE workspace_id = $1 AND kind = 'postgres'", [made.workspace.id])
    expect(rows).toEqual([{ name: 'Product database' }])
  })

  it('changes settings and replaces the secret, keeping it when none is given', async () => {
    const { made, scope, run } = await setUp()
    const { id } = await run((tx) => addConnectedSystem(tx, scope, postgres('Product database')))
    const before = (await ownerPool().query<{ secret: string }>('SELECT secret FROM data_system WHERE id = $1', [id])).rows[0]!.secret
    expect(await run((tx) => changeConnectedSystem(tx, scope, id, { settings: { ...postgres('x').settings, statementTimeoutSeconds: 60 } }))).toBe(true)
    const kept = (await ownerPool().query<{ secret: string; settings: { statementTimeoutSeconds: number } }>('SELECT secret, settings FROM data_system WHERE id = $1', [id])).rows[0]!
    expect(kept).toEqual({ secret: before, settings: expect.objectContaining({ statementTimeoutSeconds: 60 }) })
    // The stored password is never pointed at another server: a new host, port, database or user needs it again.
    for (const moved of [{ host: 'db.attacker.example' }, { port: 6432 }, { database: 'other' }, { user: 'postgres' }]) {
      await expect(run((tx) => changeConnectedSystem(tx, scope, id, { settings: { ...postgres('x').settings, ...moved } }))).rejects.toThrow(/Give the password again/)
    }
    expect(await run((tx) => changeConnectedSystem(tx, scope, id, { settings: { ...postgres('x').settings, port: 6432 }, secret: PASSWORD }))).toBe(true)
    await run((tx) => changeConnectedSystem(tx, scope, id, { secret: 'a new password' }))
    const replaced = (await ownerPool().query<{ secret: string }>('SELECT secret FROM data_system WHERE id = $1', [id])).rows[0]!.secret
    expect(await run((tx) => decryptSecret(tx, made.workspace.id, dataSystemSecretBinding(id), replaced))).toBe('a new password')
    // Another workspace's system is not there.
    const stranger = await setUp()
    expect(await stranger.run((tx) => changeConnectedSystem(tx, stranger.scope, id, { name: 'Mine now' }))).toBe(false)
  })

  it('saves maps as numbered versions; a bad map writes nothing; two saves at once get distinct numbers', async () => {
    const { made, scope, run } = await setUp()
    const { id } = await run((tx) => addConnectedSystem(tx, scope, postgres('Product database')))
    expect(await run((tx) => currentMap(tx, id))).toBeNull()
    expect(await run((tx) => saveMap(tx, scope, id, MAP))).toEqual({ version: 1 })
    const noIdentity = { ...MAP, tables: [{ ...MAP.tables[0]!, columns: MAP.tables[0]!.columns.map((c) => ({ ...c, identity: null })) }] }
    await expect(run((tx) => saveMap(tx, scope, id, noIdentity))).rejects.toThrow(/identity column/)
    const dangling = { ...MAP, references: [{ from: { schema: 'public', table: 'users', columns: ['referred_by'] }, to: { schema: 'public', table: 'users', columns: ['id'] }, source: 'foreign_key' }] }
    await expect(run((tx) => saveMap(tx, scope, id, dangling))).rejects.toThrow(/no column referred_by/)
    const keptWithoutGround = { ...MAP, tables: [{ ...MAP.tables[0]!, columns: [...MAP.tables[0]!.columns, { name: 'vat_id', type: 'text', identity: null, category: 'financial', strategy: 'keep', keepReason: ' ' }] }] }
    await expect(run((tx) => saveMap(tx, scope, id, keptWithoutGround))).rejects.toThrow(/legal ground/)
    const versions = await Promise.all([run((tx) => saveMap(tx, scope, id, MAP)), run((tx) => saveMap(tx, scope, id, MAP))])
    expect(versions.map((v) => v.version).sort()).toEqual([2, 3])
    expect((await run((tx) => currentMap(tx, id)))?.version).toBe(3)
    const audit = await ownerPool().query("SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'data_system.map_save'", [made.workspace.id])
    expect(audit.rows[0].n).toBe(3)
  })
})
