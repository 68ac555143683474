// npm run retention:purge as an operator runs it, as its own process, and killed with SIGKILL in
// the middle of a batch: what committed is counted on the run's row, the batch in flight is
// undone whole, and the next run closes the dead one (failed, audited) and finishes the work.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parseEnv } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { objectStoreFor } from '~/modules/storage/object-store.server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { startS3StandIn } from '../support/s3-stand-in'
import { commandEnv, runCommand } from '../support/candor-command'

const count = async (sql: string, values: unknown[] = []) => (await ownerPool().query<{ n: number }>(sql, values)).rows[0]!.n

describe('npm run retention:purge', () => {
  it('killed with SIGKILL mid-batch leaves whole batches done and counted; the next run marks it failed and completes', async () => {
    const { owner } = await makeWorkspace()
    const total = 5500
    await ownerPool().query(
      `INSERT INTO session (id, user_id, token_hash, expires_at, last_seen_at)
       SELECT gen_random_uuid(), $1, 'expired-' || g, now() - interval '2 days', now() - interval '2 days' FROM generate_series(1, $2) g`,
      [owner.id, total],
    )
    // The last session stored is held by another transaction: the run deletes five batches of
    // 1,000, then waits inside the sixth, which is where it is killed.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query(`SELECT id FROM session WHERE token_hash = $1 FOR UPDATE`, [`expired-${total}`])
    const child = spawn(process.execPath, ['server/main.js', 'retention:purge'], { env: commandEnv(), stdio: 'ignore' })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    await eventually(async () => {
      const { rows } = await ownerPool().query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'candor-retention-purge' AND wait_event_type = 'Lock'`,
      )
      return rows.length === 1
    }, { timeoutMs: 60_000, what: 'the purge to wait inside a batch' })
    child.kill('SIGKILL')
    await exited
    await blocker.query('ROLLBACK')
    await blocker.end()
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'candor-retention-purge'`)
      return rows.length === 0
    }, { what: 'the killed purge session to end' })

    const { rows: [killed] } = await ownerPool().query<{ id: string; status: string; counts: { sessions: number } }>(
      `SELECT id, status, counts FROM retention_purge_run`,
    )
    expect(killed).toMatchObject({ status: 'running', counts: { sessions: 5000 } })
    // Exactly what the row says is gone: the sixth batch was undone whole.
    expect(await count('SELECT count(*)::int AS n FROM session WHERE user_id = $1', [owner.id])).toBe(total - 5000)

    const next = await runCommand(['retention:purge'])
    expect(next).not.toHaveProperty('code')
    expect(next.stdout).toContain('1 earlier run(s) had stopped before finishing: marked failed.')
    const finished = /^Retention purge (\S+) succeeded: sessions (\d+), /m.exec(next.stdout)
    expect(finished?.[2]).toBe(String(total - 5000))
    expect(await count('SELECT count(*)::int AS n FROM session WHERE user_id = $1', [owner.id])).toBe(0)

    const runs = (await ownerPool().query(`SELECT id, status, error IS NOT NULL AS error FROM retention_purge_run ORDER BY started_at`)).rows
    expect(runs).toEqual([
      { id: killed!.id, status: 'failed', error: true },
      { id: finished![1], status: 'succeeded', error: false },
    ])
    // Both runs' counts are in the platform audit log: 5,000 by the dead one, the rest by the next.
    const entries = (
      await ownerPool().query<{ target_id: string; after: { status: string; counts: { sessions: number } } }>(
        `SELECT target_id, after FROM audit_entry WHERE workspace_id IS NULL AND action = 'retention.purge' ORDER BY seq`,
      )
    ).rows
    expect(entries.map((e) => [e.target_id, e.after.status, e.after.counts.sessions])).toEqual([
      [killed!.id, 'failed', 5000],
      [finished![1], 'succeeded', total - 5000],
    ])
  })

  it('purges a workspace deleted 30 days ago from an S3 bucket when S3 is configured, through the same code', async () => {
    const s3 = await startS3StandIn()
    try {
      const { workspace } = await makeWorkspace()
      const bucket = objectStoreFor(parseEnv(s3.env))
      const key = `workspaces/${workspace.id}/documents/${randomUUID()}`
      await bucket.put(key, Readable.from([Buffer.from('ciphertext')]))
      await ownerPool().query(`UPDATE workspace SET deleted_at = now() - interval '31 days' WHERE id = $1`, [workspace.id])
      const run = await runCommand(['retention:purge'], s3.env)
      expect(run).not.toHaveProperty('code')
      expect(run.stdout).toMatch(/deletedWorkspaces 1, deletedWorkspaceObjects 1\.$/m)
      expect(await bucket.exists(key)).toBe(false)
      expect(await count('SELECT count(*)::int AS n FROM workspace WHERE id = $1', [workspace.id])).toBe(0)
    } finally {
      await s3.stop()
    }
  })
})
