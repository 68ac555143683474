// npm run backup:restore meeting faults, as its own process: killed with SIGKILL in the middle
// (every table's rows already loaded, not yet committed), it leaves the target database with no
// row and its schema whole, and a second restore into it succeeds; given a private key that is
// not the backup's, it refuses in one clear line before writing anything.
import { spawn } from 'node:child_process'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { quoteName, snapshotTables } from '~/modules/backups/schema-shape.server'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { ownerPool } from '~/modules/db/owner.server'
import { appendBulkEntries } from '../support/audit-chain'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { scratchDatabases, withClient } from '../support/database-url'
import { commandEnv, runCommand } from '../support/candor-command'

const emptyDatabase = scratchDatabases()

/** Each table's row count, and the schema's indexes, constraints, enabled triggers and forced RLS. */
const stateOf = (url: string) =>
  withClient(url, async (client) => {
    const rows: Record<string, number> = {}
    for (const { name } of await snapshotTables(client)) {
      rows[name] = (await client.query(`SELECT count(*)::int AS n FROM ${quoteName(name)}`)).rows[0].n
    }
    const schema = await client.query(
      `SELECT (SELECT array_agg(indexdef ORDER BY indexdef) FROM pg_indexes WHERE schemaname = 'public') AS indexes,
              (SELECT array_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) ORDER BY conrelid::regclass::text, conname)
                 FROM pg_constraint WHERE connamespace = 'public'::regnamespace) AS constraints,
              (SELECT array_agg(c.relname || ' ' || t.tgname ORDER BY c.relname, t.tgname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal AND t.tgenabled = 'O') AS triggers,
              (SELECT array_agg(relname ORDER BY relname) FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relforcerowsecurity) AS forced`,
    )
    return { rows, schema: schema.rows[0] as Record<string, string[]> }
  })

async function latestBackup(): Promise<{ id: string; keyId: string }> {
  const run = await runCommand(['backup:run'])
  expect(run).not.toHaveProperty('code')
  const { rows } = await ownerPool().query(`SELECT id, key_id AS "keyId" FROM backup WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`)
  return rows[0]
}

describe('npm run backup:restore, faults', () => {
  it('killed with SIGKILL after loading every table leaves no row and the schema whole; a second restore succeeds', async () => {
    const { workspace } = await makeWorkspace()
    await appendBulkEntries(workspace.id, 20_000)
    const backup = await latestBackup()
    const into = await emptyDatabase()
    // A migrated, empty target is accepted, and lets a blocker hold a lock in it. The sequences
    // are set after every table's rows are in: holding one up stops the restore right there.
    await migrate(into, await readMigrations())
    const empty = await stateOf(into)
    const blocker = new pg.Client({ connectionString: into })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('ALTER SEQUENCE audit_entry_id_seq CACHE 1')

    const child = spawn(process.execPath, ['server/main.js', 'backup:restore', '--backup', backup.id, '--into', into], {
      env: commandEnv(),
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const target = new URL(into).pathname.slice(1)
    await eventually(async () => {
      const { rows } = await ownerPool().query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'candor-restore'
            AND wait_event_type = 'Lock' AND query LIKE 'SELECT setval%'`,
        [target],
      )
      return rows.length === 1
    }, { timeoutMs: 60_000, what: 'the restore to wait at the sequences, every table loaded' })
    child.kill('SIGKILL')
    await exited
    await blocker.query('ROLLBACK')
    await blocker.end()
    // PostgreSQL ends the dead client's session once it next reads from it, rolling it back.
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'candor-restore'`, [target])
      return rows.length === 0
    }, { what: 'the killed restore session to end' })

    // Nothing of the half-done restore is left: no row, and every index, constraint, trigger and
    // forced RLS it had set aside for the load is there again.
    expect(await stateOf(into)).toEqual(empty)
    expect(Object.values(empty.rows).every((n) => n === 0)).toBe(true)
    expect(empty.schema.indexes!.length).toBeGreaterThan(50)

    const again = await runCommand(['backup:restore', '--backup', backup.id, '--into', into])
    expect(again).not.toHaveProperty('code')
    expect(again.stdout).toContain(`Restored backup ${backup.id} (taken `)
    expect(again.stdout).toMatch(/^\d+ audit chains, \d+ entries: all intact\.$/m)
    const restored = await stateOf(into)
    expect(restored.schema).toEqual(empty.schema)
    expect(restored.rows.audit_entry).toBeGreaterThanOrEqual(20_000)
    expect(await withClient(into, (client) => client.query('SELECT id FROM workspace WHERE id = $1', [workspace.id]))).toMatchObject({
      rows: [{ id: workspace.id }],
    })
  })

  it('refuses a private key that is not the backup key, in one line naming both, and writes nothing', async () => {
    await makeWorkspace()
    const backup = await latestBackup()
    const keygen = await runCommand(['backup:keygen'])
    const otherKey = /^BACKUP_PRIVATE_KEY=(\S+)$/m.exec(keygen.stdout)?.[1]
    expect(otherKey).toBeDefined()
    const into = await emptyDatabase()

    const refused = await runCommand(['backup:restore', '--backup', backup.id, '--into', into], { BACKUP_PRIVATE_KEY: otherKey! })
    expect(refused).toMatchObject({ code: 1 })
    expect(refused.stderr.trim()).toMatch(
      new RegExp(
        `^Backup ${backup.id} was not restored: It was encrypted to backup key ${backup.keyId}, and the private key given is [0-9a-f]{16}\\. ` +
          `Set BACKUP_PRIVATE_KEY to the private key of ${backup.keyId}\\.$`,
      ),
    )
    // The key is checked before the database is touched: not even the migrations ran.
    expect(await withClient(into, (client) => client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`))).toMatchObject({
      rows: [{ n: 0 }],
    })
  })
})
