import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import {
  type Migration,
  MigrationError,
  migrate,
  pendingMigrations,
  readMigrations,
} from '~/modules/db/migrate.server'
import { databaseUrl, rowsAt } from '../support/database-url'

// These tests need empty databases of their own, not the migrated per-file clone.
const serverUrl = inject('serverUrl')
const created: string[] = []

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}

async function emptyDatabase(): Promise<string> {
  const name = `candor_migrate_${randomBytes(5).toString('hex')}`
  await admin(`CREATE DATABASE "${name}"`)
  created.push(name)
  return databaseUrl(serverUrl, name)
}

const fake = (name: string, sql: string): Migration => ({ name, sql, checksum: `sum-of-${sql}` })

afterEach(async () => {
  for (const name of created.splice(0)) await admin(`DROP DATABASE "${name}" WITH (FORCE)`)
})

describe('the migration runner', () => {
  it('applies every migration of the repository to an empty database, once', async () => {
    const url = await emptyDatabase()
    const migrations = await readMigrations()
    const first = await migrate(url, migrations)
    expect(first.applied).toEqual(migrations.map((m) => m.name))
    const second = await migrate(url, migrations)
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length })
    const tables = await rowsAt(url, "SELECT to_regclass('public.workspace') AS t")
    expect(tables[0]?.t).toBe('workspace')
  })

  it('applies in name order and records a checksum for each', async () => {
    const url = await emptyDatabase()
    await migrate(url, [
      fake('0001_a', 'CREATE TABLE a (id int PRIMARY KEY)'),
      fake('0002_b', 'CREATE TABLE b (a_id int REFERENCES a)'),
    ])
    const rows = await rowsAt(url, 'SELECT name, checksum FROM _candor_migrations ORDER BY name')
    expect(rows).toEqual([
      { name: '0001_a', checksum: 'sum-of-CREATE TABLE a (id int PRIMARY KEY)' },
      { name: '0002_b', checksum: 'sum-of-CREATE TABLE b (a_id int REFERENCES a)' },
    ])
  })

  it('refuses an applied migration whose file was edited, naming it', async () => {
    const url = await emptyDatabase()
    await migrate(url, [fake('0001_a', 'CREATE TABLE a (id int)')])
    const edited = [fake('0001_a', 'CREATE TABLE a (id bigint)')]
    await expect(migrate(url, edited)).rejects.toThrow(MigrationError)
    await expect(migrate(url, edited)).rejects.toThrow(/0001_a was edited after it was applied/)
  })

  it('refuses a database migrated by a newer version (a migration folder is missing)', async () => {
    const url = await emptyDatabase()
    await migrate(url, [fake('0001_a', 'CREATE TABLE a (id int)'), fake('0002_b', 'SELECT 1')])
    await expect(migrate(url, [fake('0001_a', 'CREATE TABLE a (id int)')])).rejects.toThrow(
      /0002_b is applied to the database but its folder is missing/,
    )
  })

  it('rolls a failing migration back whole and stops there', async () => {
    const url = await emptyDatabase()
    const migrations = [
      fake('0001_ok', 'CREATE TABLE ok (id int)'),
      fake('0002_bad', 'CREATE TABLE half (id int); SELECT no_such_function()'),
      fake('0003_after', 'CREATE TABLE after (id int)'),
    ]
    await expect(migrate(url, migrations)).rejects.toThrow(/0002_bad failed and was rolled back/)
    const rows = await rowsAt(
      url,
      "SELECT to_regclass('ok') AS ok, to_regclass('half') AS half, to_regclass('after') AS after",
    )
    expect(rows[0]).toEqual({ ok: 'ok', half: null, after: null })
    expect(await rowsAt(url, 'SELECT name FROM _candor_migrations')).toEqual([{ name: '0001_ok' }])
  })

  it('reports the failing migration even when the connection is lost with it', async () => {
    const url = await emptyDatabase()
    const migrations = [fake('0001_drops_connection', 'SELECT pg_terminate_backend(pg_backend_pid())')]
    // The ROLLBACK after the failure cannot run either; its error must not replace this one.
    await expect(migrate(url, migrations)).rejects.toThrow(
      /^Migration 0001_drops_connection failed and was rolled back: terminating connection/,
    )
  })

  it('refuses a migration with its own COMMIT before applying anything', async () => {
    const url = await emptyDatabase()
    const migrations = [
      fake('0001_ok', 'CREATE TABLE ok (id int)'),
      fake('0002_commits', 'BEGIN;\nCREATE TABLE half (id int);\nCOMMIT;\nSELECT no_such_function();'),
    ]
    await expect(migrate(url, migrations)).rejects.toThrow(
      'Migration 0002_commits contains "BEGIN". Each migration runs in a transaction of its own',
    )
    const rows = await rowsAt(url, "SELECT to_regclass('ok') AS ok, to_regclass('half') AS half")
    expect(rows[0]).toEqual({ ok: null, half: null })
  })

  it('names a migration folder without migration.sql', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'candor-migrations-'))
    try {
      await mkdir(path.join(dir, '0001_a'))
      await writeFile(path.join(dir, '0001_a', 'migration.sql'), 'SELECT 1')
      await mkdir(path.join(dir, '0002_forgotten'))
      const reading = readMigrations(dir)
      await expect(reading).rejects.toThrow(MigrationError)
      await expect(readMigrations(dir)).rejects.toThrow(/^The migration folder 0002_forgotten has no migration\.sql/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('applies each migration once when several processes start together', async () => {
    const url = await emptyDatabase()
    const migrations = [
      fake('0001_counter', 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1)'),
      fake('0002_bump', 'UPDATE counter SET n = n + 1'),
    ]
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(url, migrations)))
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['0001_counter', '0002_bump'])
    expect(await rowsAt(url, 'SELECT n FROM counter')).toEqual([{ n: 2 }])
  })

  it('reports pending migrations for the readiness check', async () => {
    const url = await emptyDatabase()
    const migrations = [fake('0001_a', 'SELECT 1'), fake('0002_b', 'SELECT 2')]
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const ask = (text: string, values?: unknown[]) => client.query(text, values)
      expect(await pendingMigrations(ask, migrations)).toEqual(['0001_a', '0002_b'])
      await migrate(url, migrations.slice(0, 1))
      expect(await pendingMigrations(ask, migrations)).toEqual(['0002_b'])
    } finally {
      await client.end()
    }
  })
})
