// Verified checkpoints of the audit chain (decision 020): later walks verify only what is new
// since the checkpoint and that the checkpointed entry is unchanged; a change before the
// checkpoint is the full verification's to find, and it finds it; only the verifier (the
// owner) writes checkpoints, and a forged one is named by the full verification.
import { describe, expect, it } from 'vitest'
import { advanceCheckpoint, chainStatus } from '~/modules/audit/chain-status.server'
import { latestCheckpoint } from '~/modules/audit/checkpoints.server'
import { markVerificationFailed, requestFullVerification, runRequestedVerification, verifyChainFully } from '~/modules/audit/full-verification.server'
import { recordAudit } from '~/modules/audit/record.server'
import { chainStatusInTransaction } from '~/modules/audit/verify-in-transaction.server'
import { db } from '~/modules/db/client.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { advanceCheckpointsJob } from '../../jobs/audit-checkpoint'
import { appendBulkEntries, tamperAuditEntries } from '../support/audit-chain'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const
const ENTRIES = 3_000

/** A workspace whose chain holds its first entry and ENTRIES more, checkpointed at the head. */
async function checkpointedChain() {
  const { workspace } = await makeWorkspace()
  await appendBulkEntries(workspace.id, ENTRIES)
  const first = await advanceCheckpoint(workspace.id)
  expect(first.ok).toBe(true)
  return workspace.id
}

async function append(workspaceId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await withTenant({ workspaceId, actor: system }, (tx) =>
      recordAudit(tx, { workspaceId, actor: system }, { action: `step.${i}`, after: { i } }),
    )
  }
}

const editEntry = (workspaceId: string, seq: number) =>
  tamperAuditEntries(`UPDATE audit_entry SET after = '{"forged": true}' WHERE workspace_id = $1 AND seq = $2`, [workspaceId, seq])

describe('a verified checkpoint', () => {
  it('is first written by a full walk, and later walks verify only the newer entries', async () => {
    const { workspace } = await makeWorkspace()
    await appendBulkEntries(workspace.id, ENTRIES)
    const first = await advanceCheckpoint(workspace.id)
    expect(first.lastFull).toMatchObject({ state: 'intact', entries: String(ENTRIES + 1), throughSeq: String(ENTRIES + 1) })
    expect(first.walk).toMatchObject({ ok: true, entries: 0, from: { seq: String(ENTRIES + 1) } })
    expect(await latestCheckpoint(ownerPool(), workspace.id)).toMatchObject({ seq: String(ENTRIES + 1), full: true })

    await append(workspace.id, 5)
    const page = await chainStatus(ownerPool(), workspace.id)
    expect(page.ok).toBe(true)
    expect(page.walk).toMatchObject({ entries: 5, from: { seq: String(ENTRIES + 1) }, head: { seq: String(ENTRIES + 6) } })

    await advanceCheckpoint(workspace.id)
    expect(await latestCheckpoint(ownerPool(), workspace.id)).toMatchObject({ seq: String(ENTRIES + 6), full: false })
    expect((await chainStatus(ownerPool(), workspace.id)).walk).toMatchObject({ ok: true, entries: 0 })
  })

  it('reads the same through the application role, which RLS limits to the workspace', async () => {
    const workspaceId = await checkpointedChain()
    await append(workspaceId, 3)
    const status = await withTenant({ workspaceId, actor: system }, (tx) => chainStatusInTransaction(tx, workspaceId, { limit: 2 }))
    expect(status.walk).toMatchObject({ ok: true, entries: 2, unverified: 1, from: { seq: String(ENTRIES + 1) } })
    expect(status.checkpoint).toMatchObject({ seq: String(ENTRIES + 1) })
  })

  it('lets an incremental walk find an entry changed after the checkpoint', async () => {
    const workspaceId = await checkpointedChain()
    await append(workspaceId, 10)
    await editEntry(workspaceId, ENTRIES + 5)
    const status = await chainStatus(ownerPool(), workspaceId)
    expect(status.ok).toBe(false)
    expect(status.walk.firstBroken).toMatchObject({ seq: String(ENTRIES + 5), reason: 'its content was changed after it was written (hash differs)' })
  })

  it('finds a change to the checkpointed entry itself', async () => {
    const workspaceId = await checkpointedChain()
    await append(workspaceId, 2)
    await editEntry(workspaceId, ENTRIES + 1)
    const status = await chainStatus(ownerPool(), workspaceId)
    expect(status.walk).toMatchObject({
      ok: false,
      entries: 0,
      firstBroken: { seq: String(ENTRIES + 1), reason: expect.stringMatching(/^the entry verified at the last checkpoint was changed/) },
    })
  })

  it('names entries cut off below the checkpoint', async () => {
    const workspaceId = await checkpointedChain()
    await tamperAuditEntries('DELETE FROM audit_entry WHERE workspace_id = $1 AND seq > $2', [workspaceId, ENTRIES - 10])
    const status = await chainStatus(ownerPool(), workspaceId)
    expect(status.walk.firstBroken?.reason).toMatch(/^the entry verified at the last checkpoint is gone/)
  })

  it('misses a change before the checkpoint, which the full verification finds; the chain then stays broken', async () => {
    const workspaceId = await checkpointedChain()
    await editEntry(workspaceId, 100)
    expect((await chainStatus(ownerPool(), workspaceId)).ok).toBe(true)

    const full = await verifyChainFully(workspaceId)
    expect(full).toMatchObject({ ok: false, entries: 99, firstBroken: { seq: '100' } })
    expect(full.firstBroken?.reason).toBe(
      'its content was changed after it was written (hash differs); a checkpoint vouches for the chain at or after this entry (forged, or made before the change)',
    )

    await append(workspaceId, 1)
    const after = await advanceCheckpoint(workspaceId)
    expect(after).toMatchObject({ ok: false, lastFull: { state: 'broken', brokenSeq: '100' } })
    // No checkpoint moves past a chain known to be broken.
    expect(await latestCheckpoint(ownerPool(), workspaceId)).toMatchObject({ seq: String(ENTRIES + 1) })
  })

  it('walks the whole chain again once the last full verification is a week old', async () => {
    const workspaceId = await checkpointedChain()
    await editEntry(workspaceId, 7)
    expect((await advanceCheckpoint(workspaceId)).ok).toBe(true)
    const nextWeek = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000)
    expect(await advanceCheckpoint(workspaceId, nextWeek)).toMatchObject({ ok: false, lastFull: { state: 'broken', brokenSeq: '7' } })
  })
})

describe('who may write a checkpoint', () => {
  it('refuses the application role any write, and every role a change', async () => {
    const workspaceId = await checkpointedChain()
    const scope = { workspaceId, actor: system }
    await expect(
      withTenant(scope, (tx) =>
        tx.$executeRaw`INSERT INTO audit_checkpoint (workspace_id, seq, entry_id, hash, "full") VALUES (${workspaceId}::uuid, 1, 1, 'x', true)`,
      ),
    ).rejects.toThrow(/permission denied/)
    await expect(withTenant(scope, (tx) => tx.auditCheckpoint.updateMany({ data: { seq: 9_999_999 } }))).rejects.toThrow(/permission denied/)
    await expect(withTenant(scope, (tx) => tx.auditCheckpoint.deleteMany({}))).rejects.toThrow(/permission denied/)
    await expect(db().$executeRaw`TRUNCATE audit_checkpoint`).rejects.toThrow(/permission denied/)
    await expect(ownerPool().query('UPDATE audit_checkpoint SET seq = seq + 1 WHERE workspace_id = $1', [workspaceId])).rejects.toThrow(
      /audit_checkpoint is append-only/,
    )
    await expect(ownerPool().query('DELETE FROM audit_checkpoint WHERE workspace_id = $1', [workspaceId])).rejects.toThrow(
      /audit_checkpoint is append-only/,
    )
  })

  it('lets the full verification name a checkpoint forged past a changed entry', async () => {
    const workspaceId = await checkpointedChain()
    await append(workspaceId, 10)
    await editEntry(workspaceId, ENTRIES + 4)
    // The attacker, with the owner's rights, vouches for the head so that walks start there.
    const { rows } = await ownerPool().query('SELECT id, seq, hash FROM audit_entry WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1', [
      workspaceId,
    ])
    await ownerPool().query('INSERT INTO audit_checkpoint (workspace_id, seq, entry_id, hash, "full") VALUES ($1, $2, $3, $4, false)', [
      workspaceId,
      rows[0].seq,
      rows[0].id,
      rows[0].hash,
    ])
    expect((await chainStatus(ownerPool(), workspaceId)).ok).toBe(true)
    const full = await verifyChainFully(workspaceId)
    expect(full.firstBroken).toEqual({
      seq: String(ENTRIES + 4),
      id: expect.any(String),
      reason: 'its content was changed after it was written (hash differs); a checkpoint vouches for the chain at or after this entry (forged, or made before the change)',
    })
  })

  it('lets the full verification name an older checkpoint that records another hash', async () => {
    const workspaceId = await checkpointedChain()
    await ownerPool().query(`INSERT INTO audit_checkpoint (workspace_id, seq, entry_id, hash, "full") VALUES ($1, 50, 50, repeat('0', 64), true)`, [
      workspaceId,
    ])
    expect((await chainStatus(ownerPool(), workspaceId)).ok).toBe(true)
    expect((await verifyChainFully(workspaceId)).firstBroken).toMatchObject({
      seq: '50',
      reason: 'a checkpoint recorded another entry or hash here (a forged checkpoint, or the entry was replaced)',
    })
  })

  it('lets the full verification name a checkpoint beyond the end of the chain', async () => {
    const workspaceId = await checkpointedChain()
    await ownerPool().query(`INSERT INTO audit_checkpoint (workspace_id, seq, entry_id, hash, "full") VALUES ($1, 99999999, 1, 'x', true)`, [
      workspaceId,
    ])
    expect((await chainStatus(ownerPool(), workspaceId)).walk.firstBroken?.reason).toMatch(/^the entry verified at the last checkpoint is gone/)
    expect((await verifyChainFully(workspaceId)).firstBroken).toMatchObject({
      seq: '99999999',
      reason: 'a checkpoint vouches for entry 99999999, which the chain never reached (a forged checkpoint)',
    })
  })
})

describe('a full verification asked for on the audit page', () => {
  it('is queued once, run by the verifier, and recorded with a full checkpoint', async () => {
    await startQueue({ supervise: false })
    const { workspace, owner, member } = await makeOwnedWorkspace()
    await appendBulkEntries(workspace.id, ENTRIES)
    const ask = () =>
      withTenant(member.tenant, (tx) => requestFullVerification(tx, { workspaceId: workspace.id, actor: member.tenant.actor }, owner.id))
    const id = await ask()
    expect(await ask()).toBe(id)
    const waiting = await withTenant(member.tenant, (tx) => chainStatusInTransaction(tx, workspace.id))
    expect(waiting.latestFull).toMatchObject({ id, state: 'requested' })
    expect(waiting.lastFull).toBeNull()

    // The application role may ask, never answer.
    await expect(
      withTenant(member.tenant, (tx) => tx.$executeRaw`UPDATE audit_verification SET state = 'intact' WHERE id = ${id}::uuid`),
    ).rejects.toThrow(/permission denied/)

    await runRequestedVerification(id)
    const { rows: heads } = await ownerPool().query('SELECT seq FROM audit_chain_head WHERE chain = $1', [workspace.id])
    const { rows } = await ownerPool().query('SELECT state, entries, through_seq FROM audit_verification WHERE id = $1', [id])
    expect(rows[0]).toEqual({ state: 'intact', entries: heads[0].seq, through_seq: heads[0].seq })
    expect(await latestCheckpoint(ownerPool(), workspace.id)).toMatchObject({ seq: heads[0].seq, full: true })
    // Run again (a retried job): nothing more happens.
    await runRequestedVerification(id)
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM audit_checkpoint WHERE workspace_id = $1', [workspace.id])).rows[0].n).toBe(1)
    const { rows: jobs } = await ownerPool().query(`SELECT data FROM pgboss.job WHERE name = 'audit.verify' AND data->>'verificationId' = $1`, [id])
    expect(jobs).toHaveLength(1)
  })

  it('says so when the job gave up, and does not run it afterwards', async () => {
    await startQueue({ supervise: false })
    const { workspace, owner, member } = await makeOwnedWorkspace()
    const id = await withTenant(member.tenant, (tx) => requestFullVerification(tx, { workspaceId: workspace.id, actor: member.tenant.actor }, owner.id))
    await markVerificationFailed(id)
    await runRequestedVerification(id)
    const status = await withTenant(member.tenant, (tx) => chainStatusInTransaction(tx, workspace.id))
    expect(status.latestFull).toMatchObject({ id, state: 'failed' })
    expect(status.lastFull).toBeNull()
    expect(await latestCheckpoint(ownerPool(), workspace.id)).toBeNull()
  })
})

describe('the hourly audit.checkpoint job', () => {
  it("checkpoints every chain, the platform's included, and leaves a broken one where it was", async () => {
    const intact = await makeWorkspace()
    await withPlatform((tx) => recordAudit(tx, { workspaceId: null, actor: system }, { action: 'platform.test' }))
    const broken = await checkpointedChain()
    await append(broken, 3)
    await editEntry(broken, ENTRIES + 2)
    await advanceCheckpointsJob()
    const { rows: heads } = await ownerPool().query('SELECT seq FROM audit_chain_head WHERE chain = $1', ['platform'])
    expect(await latestCheckpoint(ownerPool(), null)).toMatchObject({ seq: heads[0].seq })
    expect(await latestCheckpoint(ownerPool(), intact.workspace.id)).toMatchObject({ seq: '1', full: true })
    expect(await latestCheckpoint(ownerPool(), broken)).toMatchObject({ seq: String(ENTRIES + 1) })
  })
})
