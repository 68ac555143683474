// The operator commands run the way an operator runs them, as their own process:
// `npm run keys:rotate` (new KEK in CANDOR_KEK, old in CANDOR_KEK_PREVIOUS) and
// `npm run audit:verify`.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { decryptSecret, encryptSecret } from '~/modules/crypto/envelope.server'
import { kekIdOf } from '~/modules/crypto/kek.server'
import { rewrapDataKeys } from '~/modules/crypto/rotation.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { freePort } from '../support/candor-server'
import { makeWorkspace } from '../support/factories'
import { runCommand } from '../support/candor-command'

const system = { type: 'system', reason: 'test' } as const
const where = { table: 'connector', column: 'credentials', rowId: 'c-1' }

describe('npm run db:migrate', () => {
  it('reports a database it cannot reach in one line, without the address', async () => {
    const closedPort = await freePort()
    const run = await runCommand(['migrate'], { DATABASE_URL: `postgres://candor@127.0.0.1:${closedPort}/candor` })
    expect(run).toMatchObject({ code: 1 })
    expect(run.stderr.trim()).toBe(`connect ECONNREFUSED [ip]:${closedPort}`)
  })
})

describe('npm run audit:verify', () => {
  it('says every chain is intact, then names the entry edited behind its back', async () => {
    const { workspace } = await makeWorkspace()
    const intact = await runCommand(['audit:verify'])
    expect(intact).not.toHaveProperty('code')
    const [created] = (await ownerPool().query('SELECT hash FROM audit_entry WHERE workspace_id = $1', [workspace.id])).rows
    expect(intact.stdout).toContain(
      `ok      workspace ${workspace.id}: 1 entries intact, head 1 ${created.hash.slice(0, 16)}`,
    )
    // Recorded for the audit page, with the checkpoint later walks start from (decision 020).
    const recorded = async () => ({
      verifications: (await ownerPool().query('SELECT state, through_seq, broken_seq FROM audit_verification WHERE workspace_id = $1 ORDER BY finished_at', [workspace.id])).rows,
      checkpoints: (await ownerPool().query('SELECT seq, hash, "full" FROM audit_checkpoint WHERE workspace_id = $1', [workspace.id])).rows,
    })
    expect(await recorded()).toEqual({
      verifications: [{ state: 'intact', through_seq: '1', broken_seq: null }],
      checkpoints: [{ seq: '1', hash: created.hash, full: true }],
    })

    const client = await ownerPool().connect()
    try {
      await client.query('ALTER TABLE audit_entry DISABLE TRIGGER USER')
      await client.query("UPDATE audit_entry SET action = 'workspace.forged' WHERE workspace_id = $1", [
        workspace.id,
      ])
      await client.query('ALTER TABLE audit_entry ENABLE TRIGGER USER')
    } finally {
      client.release()
    }
    const broken = await runCommand(['audit:verify'])
    expect(broken).toMatchObject({ code: 1 })
    expect(broken.stdout).toMatch(
      new RegExp(`BROKEN  workspace ${workspace.id}: entry 1 \\(id \\d+\\): its content was changed`),
    )
    expect((await recorded()).verifications).toEqual([
      { state: 'intact', through_seq: '1', broken_seq: null },
      { state: 'broken', through_seq: null, broken_seq: '1' },
    ])
  })

  it("names a workspace whose whole chain was deleted", async () => {
    const { workspace } = await makeWorkspace()
    const client = await ownerPool().connect()
    try {
      await client.query('ALTER TABLE audit_entry DISABLE TRIGGER USER')
      await client.query('DELETE FROM audit_entry WHERE workspace_id = $1', [workspace.id])
      await client.query('ALTER TABLE audit_entry ENABLE TRIGGER USER')
    } finally {
      client.release()
    }
    const run = await runCommand(['audit:verify'])
    expect(run).toMatchObject({ code: 1 })
    expect(run.stdout).toContain(
      `BROKEN  workspace ${workspace.id}: entry 1: the whole chain is missing (its head is entry 1); 0 entries before it are intact`,
    )
  })
})

describe('npm run keys:rotate', () => {
  it('re-wraps every data key under the new KEK and records it', async () => {
    const { workspace } = await makeWorkspace()
    const scope = { workspaceId: workspace.id, actor: system }
    const sealed = await withTenant(scope, (tx) => encryptSecret(tx, workspace.id, where, 'pw-42'))
    // This process runs with the development KEK generated into .data/kek.
    const oldKey = Buffer.from((await readFile('.data/kek', 'utf8')).trim(), 'base64')
    const newKey = randomBytes(32)

    const run = await runCommand(['keys:rotate'], {
      CANDOR_KEK: newKey.toString('base64'),
      CANDOR_KEK_PREVIOUS: oldKey.toString('base64'),
    })
    expect(run.stdout).toMatch(
      new RegExp(`Re-wrapped 1 data keys from KEK ${kekIdOf(oldKey)} to ${kekIdOf(newKey)}`),
    )
    const keys = await ownerPool().query('SELECT kek_id FROM workspace_key')
    expect(keys.rows).toEqual([{ kek_id: kekIdOf(newKey) }])
    const audit = await ownerPool().query(
      "SELECT after FROM audit_entry WHERE workspace_id IS NULL AND action = 'kek.rotate'",
    )
    expect(audit.rows).toEqual([
      { after: { from: kekIdOf(oldKey), to: kekIdOf(newKey), dataKeys: 1 } },
    ])

    // Back under the development KEK, the secret opens as before.
    const newKek = { id: kekIdOf(newKey), key: newKey }
    const oldKek = { id: kekIdOf(oldKey), key: oldKey }
    expect(await rewrapDataKeys(ownerPool(), newKek, oldKek)).toEqual({ rewrapped: 1, stillUnderPrevious: 0 })
    expect(await withTenant(scope, (tx) => decryptSecret(tx, workspace.id, where, sealed))).toBe('pw-42')
  })

  it('fails loudly when a data key is still under the previous KEK afterwards', async () => {
    const { workspace } = await makeWorkspace()
    await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      encryptSecret(tx, workspace.id, where, 'pw-43'),
    )
    // An instance still running with the previous KEK creates a data key while the rotation
    // runs: a trigger adds one, wrapped the old way, as this workspace's key is re-wrapped.
    await ownerPool().query(`
      CREATE FUNCTION test_old_instance_adds_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_key (workspace_id, version, kek_id, wrapped_key)
        VALUES (OLD.workspace_id, OLD.version + 1, OLD.kek_id, OLD.wrapped_key) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER test_old_instance_adds_key AFTER UPDATE ON workspace_key
        FOR EACH ROW WHEN (OLD.workspace_id = '${workspace.id}')
        EXECUTE FUNCTION test_old_instance_adds_key();`)
    const oldKey = Buffer.from((await readFile('.data/kek', 'utf8')).trim(), 'base64')
    try {
      const run = await runCommand(['keys:rotate'], {
        CANDOR_KEK: randomBytes(32).toString('base64'),
        CANDOR_KEK_PREVIOUS: oldKey.toString('base64'),
      })
      expect(run).toMatchObject({ code: 1 })
      expect(run.stderr).toContain(
        `The rotation is incomplete: 1 data keys are still wrapped by the previous KEK ${kekIdOf(oldKey)}`,
      )
    } finally {
      await ownerPool().query(`
        DROP TRIGGER test_old_instance_adds_key ON workspace_key;
        DROP FUNCTION test_old_instance_adds_key();
        DELETE FROM workspace_key;`)
    }
  })

  it('refuses to run without both keys, with a message saying which', async () => {
    const run = await runCommand(['keys:rotate'])
    expect(run).toMatchObject({ code: 1 })
    expect(run.stderr).toContain(
      'keys:rotate needs CANDOR_KEK (the new key) and CANDOR_KEK_PREVIOUS',
    )
  })
})
