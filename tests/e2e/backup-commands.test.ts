// npm run backup:run and backup:restore as an operator runs them, as their own processes; and a
// backup killed with SIGKILL in the middle of its snapshot (its object half written to a
// temporary file): nothing is catalogued as succeeded, no object is under its key, and the next
// run marks it failed and succeeds. Restore faults: backup-faults.test.ts.
import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parseEnv } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { objectStore, objectStoreFor } from '~/modules/storage/object-store.server'
import { rowsAt, scratchDatabases } from '../support/database-url'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { startS3StandIn } from '../support/s3-stand-in'
import { commandEnv, productionEnv, runCommand } from '../support/candor-command'

const emptyDatabase = scratchDatabases()

describe('npm run backup:run and backup:restore', () => {
  it('take a backup and restore it into an empty database with a summary; a database with rows is refused in one line', async () => {
    const { workspace } = await makeWorkspace()
    const run = await runCommand(['backup:run'])
    expect(run).not.toHaveProperty('code')
    const [row] = (await ownerPool().query(`SELECT id, key_id, sha256 FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`)).rows
    expect(run.stdout).toMatch(new RegExp(`^Backup ${row.id}: \\d+ tables, \\d+ rows, \\d+ bytes in .+ as backups/${row.id}, encrypted to backup key ${row.key_id}, sha256 ${row.sha256}\\.$`, 'm'))

    const into = await emptyDatabase()
    const restored = await runCommand(['backup:restore', '--backup', 'latest', '--into', into])
    expect(restored).not.toHaveProperty('code')
    expect(restored.stdout).toContain(`Restored backup ${row.id} (taken `)
    expect(restored.stdout).toMatch(/^\s+1 {2}workspace$/m)
    expect(restored.stdout).toMatch(/every count matches the catalogue; \d+ bytes read, SHA-256 and every encrypted record verified\.$/m)
    expect(restored.stdout).toMatch(/^1 audit chains, 1 entries: all intact\.$/m)
    expect(restored.stdout).toMatch(/^Time: migrations [\d.]+ s, rows [\d.]+ s, indexes and constraints [\d.]+ s, row counts [\d.]+ s, erasures [\d.]+ s, audit chains [\d.]+ s\.$/m)
    const client = new pg.Client({ connectionString: into })
    await client.connect()
    expect((await client.query('SELECT id FROM workspace')).rows).toEqual([{ id: workspace.id }])
    await client.end()

    const again = await runCommand(['backup:restore', '--backup', row.id, '--into', into])
    expect(again).toMatchObject({ code: 1 })
    expect(again.stderr.trim()).toMatch(/^The target database is not empty \(the table \w+ has rows\)\. A backup is restored only into an empty database/)
    const unknown = await runCommand(['backup:restore', '--backup', 'nope', '--into', into])
    expect(unknown).toMatchObject({ code: 1 })
    expect(unknown.stderr.trim()).toMatch(/^There is no backup nope in .+; and the catalogue \(DATABASE_URL\) has no record of backup nope\.$/)
  })

  it('restore the latest backup from the object store when the catalogue database is gone, and say what that leaves unchecked', async () => {
    const s3 = await startS3StandIn('candor-lost-catalogue')
    try {
      const { workspace } = await makeWorkspace()
      const run = await runCommand(['backup:run'], s3.env)
      expect(run).not.toHaveProperty('code')
      const [row] = (await ownerPool().query(`SELECT id FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`)).rows

      const into = await emptyDatabase()
      const restored = await runCommand(['backup:restore', '--backup', 'latest', '--into', into], { ...s3.env, DATABASE_URL: 'postgres://candor@127.0.0.1:1/lost' })
      expect(restored).not.toHaveProperty('code')
      expect(restored.stdout).toMatch(
        /^The backup catalogue \(DATABASE_URL\) could not be read: .*ECONNREFUSED.*; the backup was found in the object store instead \(s3:\/\/candor-lost-catalogue.*\)\.$/m,
      )
      expect(restored.stdout).toContain(`Restored backup ${row.id} (stored `)
      expect(restored.stdout).toMatch(/every count matches the backup's own; \d+ bytes read, every encrypted record verified\. Without the catalogue the stored SHA-256 could not be compared\.$/m)
      expect(restored.stdout).toMatch(/^Erasures completed after this backup, re-applied: 0 of 0 on the replay list /m)
      expect(await rowsAt(into, `SELECT id FROM workspace WHERE id = '${workspace.id}'`)).toEqual([{ id: workspace.id }])
    } finally {
      await s3.stop()
    }
  })

  it('write to and restore from an S3 bucket when S3 is configured, through the same code', async () => {
    const s3 = await startS3StandIn()
    try {
      const { workspace } = await makeWorkspace()
      const run = await runCommand(['backup:run'], s3.env)
      expect(run).not.toHaveProperty('code')
      const [row] = (await ownerPool().query(`SELECT id, object_key FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`)).rows
      expect(run.stdout).toContain(`in s3://candor-test-objects at ${s3.env.S3_ENDPOINT} as ${row.object_key}`)
      expect(await objectStoreFor(parseEnv(s3.env)).exists(row.object_key)).toBe(true)
      expect(await objectStore().exists(row.object_key)).toBe(false)

      const into = await emptyDatabase()
      const restored = await runCommand(['backup:restore', '--backup', row.id, '--into', into], s3.env)
      expect(restored).not.toHaveProperty('code')
      expect(restored.stdout).toContain(`Restored backup ${row.id} (taken `)
      const client = new pg.Client({ connectionString: into })
      await client.connect()
      expect((await client.query('SELECT id FROM workspace WHERE id = $1', [workspace.id])).rows).toEqual([{ id: workspace.id }])
      await client.end()
    } finally {
      await s3.stop()
    }
  })

  it('in production, refuses to take a backup without BACKUP_PUBLIC_KEY, saying how to make one', async () => {
    const production = productionEnv()
    const before = (await ownerPool().query('SELECT count(*)::int AS n FROM backup')).rows[0].n
    const run = await runCommand(['backup:run'], production)
    expect(run).toMatchObject({ code: 1 })
    expect(run.stderr.trim()).toBe(
      'No backup was taken: BACKUP_PUBLIC_KEY is not set. Make a key pair with `npm run backup:keygen`, set BACKUP_PUBLIC_KEY ' +
        'to its public line, and keep the private line offline (see docs/decisions/018-backups.md).',
    )
    expect((await ownerPool().query('SELECT count(*)::int AS n FROM backup')).rows[0].n).toBe(before)

    const keygen = await runCommand(['backup:keygen'], production)
    const publicKey = /^BACKUP_PUBLIC_KEY=(candor-backup-public:\S{43})$/m.exec(keygen.stdout)?.[1]
    expect(publicKey).toBeDefined()
    const taken = await runCommand(['backup:run'], { ...production, BACKUP_PUBLIC_KEY: publicKey! })
    expect(taken).not.toHaveProperty('code')
    const [row] = (await ownerPool().query(`SELECT key_id FROM backup ORDER BY started_at DESC LIMIT 1`)).rows
    expect(taken.stdout).toContain(`encrypted to backup key ${row.key_id}`)
  })

  it('killed with SIGKILL mid-snapshot leaves no succeeded backup and no object; the next run marks it failed and succeeds', async () => {
    await makeWorkspace()
    // Hold the snapshot up at one table, so the kill lands in the middle of it.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE workspace IN ACCESS EXCLUSIVE MODE')
    const child = spawn(process.execPath, ['server/main.js', 'backup:run'], { env: commandEnv(), stdio: 'ignore' })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const running = await eventually(async () => {
      const { rows } = await ownerPool().query(
        `SELECT b.id, b.object_key FROM backup b WHERE b.status = 'running'
            AND EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'candor-backup' AND wait_event_type = 'Lock')`,
      )
      return rows.length === 1 ? (rows[0] as { id: string; object_key: string }) : undefined
    }, { timeoutMs: 60_000, what: 'the backup to wait at the locked table' })
    // The object is being written: its temporary file (a name no object key can reach) exists.
    const folder = path.join(objectStore().location, 'backups')
    const temporary = await eventually(async () => (await readdir(folder)).find((name) => name.startsWith(`.${running.id}.`)), {
      what: "the backup's temporary file",
    })
    child.kill('SIGKILL')
    await exited
    await blocker.query('ROLLBACK')
    await blocker.end()
    // PostgreSQL ends the dead client's session once it next writes to it; that frees the lock.
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'candor-backup'`)
      return rows.length === 0
    }, { what: 'the killed backup session to end' })
    expect((await ownerPool().query('SELECT status FROM backup WHERE id = $1', [running.id])).rows).toEqual([{ status: 'running' }])
    expect(await objectStore().exists(running.object_key)).toBe(false)
    expect(temporary).toMatch(/\.tmp$/)

    const next = await runCommand(['backup:run'])
    expect(next).not.toHaveProperty('code')
    expect(next.stdout).toContain('1 earlier run(s) had stopped before finishing: marked failed.')
    const { rows } = await ownerPool().query('SELECT id, status FROM backup ORDER BY started_at')
    expect(rows.find((r) => r.id === running.id)).toEqual({ id: running.id, status: 'failed' })
    expect(rows.at(-1).status).toBe('succeeded')
  })
})
