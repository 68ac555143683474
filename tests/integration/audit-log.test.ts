import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { REDACTED } from '~/modules/audit/changes'
import { recordAudit } from '~/modules/audit/record.server'
import { verifyAllChains, verifyChain } from '~/modules/audit/verify.server'
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { makeWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const
const admin = (userId: string) => ({ type: 'user', userId }) as const

async function entries(workspaceId: string) {
  const { rows } = await ownerPool().query(
    'SELECT * FROM audit_entry WHERE workspace_id = $1 ORDER BY seq',
    [workspaceId],
  )
  return rows
}

/** As the superuser/owner, bypassing the append-only trigger, the way an attacker with the
 * database would. */
async function tamper(sql: string, values: unknown[]) {
  const client = await ownerPool().connect()
  try {
    await client.query('BEGIN')
    await client.query('ALTER TABLE audit_entry DISABLE TRIGGER USER')
    await client.query(sql, values)
    await client.query('ALTER TABLE audit_entry ENABLE TRIGGER USER')
    await client.query('COMMIT')
  } finally {
    client.release()
  }
}

describe('recordAudit', () => {
  it('chains entries per workspace, recording who, what, the change and where from', async () => {
    const { workspace, owner } = await makeWorkspace()
    await withTenant({ workspaceId: workspace.id, actor: admin(owner.id) }, (tx) =>
      recordAudit(
        tx,
        {
          workspaceId: workspace.id,
          actor: admin(owner.id),
          origin: { ip: '198.51.100.4', userAgent: 'Firefox' },
        },
        {
          action: 'workspace.rename',
          target: { type: 'workspace', id: workspace.id },
          before: { name: 'Old', slug: 'same', webhookSecret: 'whsec_old' },
          after: { name: 'New', slug: 'same', webhookSecret: 'whsec_new' },
        },
      ),
    )
    const [created, renamed] = await entries(workspace.id)
    expect(created).toMatchObject({ seq: '1', action: 'workspace.create', prev_hash: null })
    expect(renamed).toMatchObject({
      seq: '2',
      actor_type: 'user',
      actor_id: owner.id,
      action: 'workspace.rename',
      target_type: 'workspace',
      target_id: workspace.id,
      ip: '198.51.100.4',
      user_agent: 'Firefox',
      prev_hash: created.hash,
      // Only what changed, and never a secret's value.
      before: { name: 'Old', webhookSecret: REDACTED },
      after: { name: 'New', webhookSecret: REDACTED },
    })
    expect(await verifyChain(ownerPool(), workspace.id)).toEqual({
      workspaceId: workspace.id,
      entries: 2,
      ok: true,
      head: { seq: '2', id: renamed.id, hash: renamed.hash },
    })
  })

  it('disappears with the change when the transaction rolls back', async () => {
    const { workspace } = await makeWorkspace()
    await expect(
      withTenant({ workspaceId: workspace.id, actor: system }, async (tx) => {
        await recordAudit(tx, { workspaceId: workspace.id, actor: system }, { action: 'x.y' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await entries(workspace.id)).toHaveLength(1)
  })

  it('keeps the sequence gapless under concurrent writers', async () => {
    const { workspace } = await makeWorkspace()
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
          recordAudit(tx, { workspaceId: workspace.id, actor: system }, { action: `test.${i}` }),
        ),
      ),
    )
    const rows = await entries(workspace.id)
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
    expect((await verifyChain(ownerPool(), workspace.id)).ok).toBe(true)
  })

  it("keeps the platform's own chain apart from every workspace's", async () => {
    await withPlatform((tx) =>
      recordAudit(tx, { workspaceId: null, actor: system }, { action: 'platform.test' }),
    )
    const platform = await verifyChain(ownerPool(), null)
    expect(platform).toMatchObject({ workspaceId: null, ok: true })
    expect(platform.entries).toBeGreaterThanOrEqual(1)
  })

  it("shows a workspace none of another's entries", async () => {
    const a = await makeWorkspace()
    const b = await makeWorkspace()
    const seen = await withTenant({ workspaceId: a.workspace.id, actor: system }, (tx) =>
      tx.auditEntry.findMany({ select: { workspaceId: true } }),
    )
    expect(seen.map((e) => e.workspaceId)).toEqual([a.workspace.id])
    expect(seen).not.toContainEqual({ workspaceId: b.workspace.id })
  })
})

describe('the audit table is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    const { workspace } = await makeWorkspace()
    const scope = { workspaceId: workspace.id, actor: system }
    await expect(
      withTenant(scope, (tx) => tx.auditEntry.updateMany({ data: { action: 'forged' } })),
    ).rejects.toThrow(/permission denied|append-only/)
    await expect(withTenant(scope, (tx) => tx.auditEntry.deleteMany({}))).rejects.toThrow(
      /permission denied|append-only/,
    )
    await expect(db().$executeRaw`TRUNCATE audit_entry`).rejects.toThrow(
      /permission denied|append-only/,
    )
  })

  it('refuses them to the owner too', async () => {
    const { workspace } = await makeWorkspace()
    for (const sql of [
      "UPDATE audit_entry SET action = 'forged' WHERE workspace_id = $1",
      'DELETE FROM audit_entry WHERE workspace_id = $1',
    ]) {
      await expect(ownerPool().query(sql, [workspace.id])).rejects.toThrow(
        /audit_entry is append-only/,
      )
    }
    await expect(ownerPool().query('TRUNCATE audit_entry')).rejects.toThrow(
      /audit_entry is append-only: TRUNCATE/,
    )
  })
})

describe('verifying the chain', () => {
  async function workspaceWithEntries(count: number) {
    const { workspace } = await makeWorkspace()
    for (let i = 0; i < count; i++) {
      await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
        recordAudit(tx, { workspaceId: workspace.id, actor: system }, { action: `step.${i}`, after: { i } }),
      )
    }
    return workspace.id
  }

  it('names the entry whose content was edited in SQL', async () => {
    const workspaceId = await workspaceWithEntries(4)
    const [, , third] = await entries(workspaceId)
    await tamper(`UPDATE audit_entry SET after = '{"i": 99}' WHERE id = $1`, [third.id])
    expect(await verifyChain(ownerPool(), workspaceId)).toEqual({
      workspaceId,
      entries: 2,
      ok: false,
      firstBroken: {
        seq: '3',
        id: third.id,
        reason: 'its content was changed after it was written (hash differs)',
      },
    })
  })

  it('names the gap where an entry was deleted', async () => {
    const workspaceId = await workspaceWithEntries(3)
    const rows = await entries(workspaceId)
    await tamper('DELETE FROM audit_entry WHERE id = $1', [rows[1].id])
    const report = await verifyChain(ownerPool(), workspaceId)
    expect(report.firstBroken).toEqual({
      seq: '3',
      id: rows[2].id,
      reason: 'entries 2–2 are missing before this one',
    })
  })

  it('catches an entry rewritten with a fresh hash (the link to the next one breaks)', async () => {
    const workspaceId = await workspaceWithEntries(3)
    const rows = await entries(workspaceId)
    await tamper("UPDATE audit_entry SET hash = repeat('0', 64) WHERE id = $1", [rows[1].id])
    const report = await verifyChain(ownerPool(), workspaceId)
    expect(report.ok).toBe(false)
    expect(report.firstBroken?.seq).toBe('2')
  })

  it("names a workspace whose whole chain was deleted", async () => {
    const erased = await workspaceWithEntries(2)
    const intact = await workspaceWithEntries(1)
    await tamper('DELETE FROM audit_entry WHERE workspace_id = $1', [erased])
    const reports = await verifyAllChains(ownerPool())
    expect(reports.find((r) => r.workspaceId === erased)).toEqual({
      workspaceId: erased,
      entries: 0,
      ok: false,
      firstBroken: {
        seq: '1',
        id: null,
        reason: 'the whole chain is missing (its head is entry 3)',
      },
    })
    expect(reports.find((r) => r.workspaceId === intact)).toMatchObject({ ok: true })
  })

  it('names the entries cut off the end of a chain, and a removed platform chain', async () => {
    const cut = await workspaceWithEntries(4)
    await tamper('DELETE FROM audit_entry WHERE workspace_id = $1 AND seq > 3', [cut])
    expect((await verifyAllChains(ownerPool())).find((r) => r.workspaceId === cut)).toEqual({
      workspaceId: cut,
      entries: 3,
      ok: false,
      firstBroken: { seq: '4', id: null, reason: 'entries 4–5 were removed from the end of the chain (its head is entry 5)' },
    })
    await withPlatform((tx) =>
      recordAudit(tx, { workspaceId: null, actor: { type: 'system', reason: 'test' } }, { action: 'test.platform' }),
    )
    await tamper('DELETE FROM audit_entry WHERE workspace_id IS NULL', [])
    const platform = (await verifyAllChains(ownerPool())).find((r) => r.workspaceId === null)
    expect(platform).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/^the whole chain is missing/) } })
  })

  it('still names a workspace without entries when its chain head was removed too', async () => {
    const { workspace } = await makeWorkspace()
    await tamper('DELETE FROM audit_entry WHERE workspace_id = $1', [workspace.id])
    const client = await ownerPool().connect()
    try {
      await client.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER')
      await client.query('DELETE FROM audit_chain_head WHERE chain = $1', [workspace.id])
      await client.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER')
    } finally {
      client.release()
    }
    expect((await verifyAllChains(ownerPool())).find((r) => r.workspaceId === workspace.id)).toMatchObject({
      ok: false,
      firstBroken: { reason: 'the whole chain is missing (creating the workspace wrote its first entry)' },
    })
  })

  it('keeps chain heads moving forward only, for every role', async () => {
    const workspaceId = await workspaceWithEntries(1)
    await expect(ownerPool().query('DELETE FROM audit_chain_head WHERE chain = $1', [workspaceId])).rejects.toThrow(
      /only move forward/,
    )
    await expect(
      ownerPool().query('UPDATE audit_chain_head SET seq = 1 WHERE chain = $1', [workspaceId]),
    ).rejects.toThrow(/only move forward/)
    await expect(ownerPool().query('TRUNCATE audit_chain_head')).rejects.toThrow(/only move forward/)
  })

  it('reports every chain in the database', async () => {
    const intact = await workspaceWithEntries(1)
    const reports = await verifyAllChains(ownerPool())
    const newest = (await entries(intact))[1]
    expect(reports.find((r) => r.workspaceId === intact)).toEqual({
      workspaceId: intact,
      entries: 2,
      ok: true,
      head: { seq: '2', id: newest.id, hash: newest.hash },
    })
    expect(reports.find((r) => r.workspaceId === randomUUID())).toBeUndefined()
  })
})
