// Benchmark: a backup of a database holding BACKUP_BENCH_AUDIT_ENTRIES audit entries (default
// 1,000,000, bulk-inserted with real hashes) and BACKUP_BENCH_REQUESTS privacy requests
// (default 200,000), against PostgreSQL's own pg_dump -Fc of the same database in the same run.
// pg_dump refuses a newer server, and embedded PostgreSQL (18) ships none, so when the server at
// BACKUP_BENCH_SERVER_URL (default Debian's PostgreSQL on 127.0.0.1:5432) answers and a pg_dump
// of its major version is installed, the benchmark works in a scratch database it creates there
// and drops; otherwise in the test's own database, without the pg_dump figures (it says why).
// Measures (medians of ROUNDS): the backup in this process; the same tables read with the same
// COPY and thrown away (what reading alone costs); pg_dump -Fc to a file; the peak RSS of
// `npm run backup:run` as its own process; a restore into an empty database, phase by phase; a
// drill-like run (create a database, restore, check, drop it); and pg_restore of pg_dump's file.
// Run with `npm run bench:backup`; prints one JSON line.
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { afterAll, expect, it } from 'vitest'
import { runBackup } from '~/modules/backups/backup.server'
import { backupPrivateKeys } from '~/modules/backups/backup-keys.server'
import { findSucceededBackup } from '~/modules/backups/catalogue.server'
import { restoreBackup } from '~/modules/backups/restore.server'
import { quoteName, snapshotTables } from '~/modules/backups/schema-shape.server'
import { disconnectDb } from '~/modules/db/client.server'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { closeOwnerPool, ownerPool } from '~/modules/db/owner.server'
import { appendBulkEntries } from '../support/audit-chain'
import { median, printFigures } from '../support/bench-figures'
import { databaseUrl, withClient } from '../support/database-url'
import { makeWorkspace } from '../support/factories'
import { type PgTools, pgToolsFor, serverMajor } from '../support/pg-dump'
import { processMemory } from '../support/process-memory'

const AUDIT_ENTRIES = Number(process.env.BACKUP_BENCH_AUDIT_ENTRIES ?? 1_000_000)
const REQUESTS = Number(process.env.BACKUP_BENCH_REQUESTS ?? 200_000)
const SERVER_URL = process.env.BACKUP_BENCH_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const ROUNDS = 3

const seconds = (since: number) => (performance.now() - since) / 1000
const round = (value: number, digits = 2) => Number(value.toFixed(digits))
const run = promisify(execFile)

const scratch: string[] = []
/** The server the benchmark's databases live on: the pg_dump server, or the test's own. */
let serverUrl = ''
afterAll(async () => {
  // The scratch databases are dropped WITH (FORCE): close this process's connections to them first.
  await Promise.all([disconnectDb(), closeOwnerPool()])
  for (const name of scratch) await dropDatabase(name)
})

const onServer = <T>(work: (client: pg.Client) => Promise<T>) => withClient(serverUrl, work)

async function createDatabase(): Promise<string> {
  const name = `candor_bench_${randomBytes(6).toString('hex')}`
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`))
  scratch.push(name)
  return databaseUrl(serverUrl, name)
}

const dropDatabase = (name: string) => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))

/** Work in a migrated scratch database on the pg_dump server when there is one; else say why not. */
async function choosePgDumpServer(): Promise<PgTools | string> {
  const major = await serverMajor(SERVER_URL)
  const tools = typeof major === 'number' ? await pgToolsFor(major) : major
  if (typeof tools === 'string') {
    serverUrl = databaseUrl(process.env.DATABASE_URL!, 'postgres')
    return tools
  }
  serverUrl = SERVER_URL
  const url = await createDatabase()
  await migrate(url, await readMigrations())
  await closeOwnerPool()
  process.env.DATABASE_URL = url
  return tools
}

/** The baseline: every table read with COPY in one snapshot, the bytes counted and dropped. */
async function copyEverything(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  let bytes = 0
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    for (const table of await snapshotTables(client)) {
      const copy = client.query(copyTo(`COPY ${quoteName(table.name)} (${table.columns.map(quoteName).join(', ')}) TO STDOUT`))
      await pipeline(copy, new Writable({ write: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done()) }))
    }
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
  return bytes
}

/** `npm run backup:run` as its own process; its peak resident set, read from /proc until it exits. */
async function backupProcessPeakRss(): Promise<number> {
  const child = spawn(process.execPath, ['server/main.js', 'backup:run'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  })
  let peak = 0
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let running = true
  void exited.then(() => (running = false))
  while (running) {
    peak = Math.max(peak, await processMemory(child.pid!).then((m) => m.peakRssMb, () => peak))
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(await exited).toBe(0)
  return peak
}

it('measures a backup against pg_dump, and its restore', async () => {
  const tools = await choosePgDumpServer()
  const { workspace } = await makeWorkspace()
  let started = performance.now()
  await appendBulkEntries(workspace.id, AUDIT_ENTRIES)
  await ownerPool().query(
    `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship,
                                  portal_origin, submitted_at, received_at, due_at)
     SELECT gen_random_uuid(), $1, 'R-B' || lpad(i::text, 9, '0'), 'access', 'gdpr', 'in_progress', 'Subject ' || i,
            'subject' || i || '@example.com', 'customer', 'https://portal.example', now(), now(), now() + interval '30 days'
       FROM generate_series(1, $2::int) AS i`,
    [workspace.id, REQUESTS],
  )
  await ownerPool().query('VACUUM ANALYZE')
  const fillSeconds = seconds(started)

  const copyRuns: number[] = []
  let copyBytes = 0
  for (let i = 0; i < ROUNDS; i++) {
    started = performance.now()
    copyBytes = await copyEverything()
    copyRuns.push(seconds(started))
  }
  const backupRuns: number[] = []
  let backup = await runBackup()
  for (let i = 0; i < ROUNDS; i++) {
    started = performance.now()
    backup = await runBackup()
    backupRuns.push(seconds(started))
  }
  const rows = Object.values(backup.rowCounts).reduce((sum, n) => sum + n, 0)
  const peakRssMb = await backupProcessPeakRss()

  const pgDumpRuns: number[] = []
  let pgDumpBytes = 0
  const dumpFile = path.join(tmpdir(), `candor-bench-${randomBytes(6).toString('hex')}.dump`)
  try {
    if (typeof tools !== 'string') {
      for (let i = 0; i < ROUNDS; i++) {
        started = performance.now()
        await run(tools.pgDump, ['-Fc', '-f', dumpFile, process.env.DATABASE_URL!])
        pgDumpRuns.push(seconds(started))
      }
      pgDumpBytes = (await stat(dumpFile)).size
    }

    started = performance.now()
    const into = await createDatabase()
    const summary = await restoreBackup(await findSucceededBackup(backup.id), into, await backupPrivateKeys())
    const restoreSeconds = seconds(started)
    expect(summary.rows).toBe(rows)
    expect(summary.chainsIntact).toBe(true)
    await dropDatabase(new URL(into).pathname.slice(1))
    const drillSeconds = seconds(started)

    let pgRestoreSeconds: number | undefined
    if (typeof tools !== 'string') {
      const target = await createDatabase()
      started = performance.now()
      await run(tools.pgRestore, ['-d', target, dumpFile])
      pgRestoreSeconds = seconds(started)
    }

    const backupSeconds = median(backupRuns)
    const copySeconds = median(copyRuns)
    const pgDumpSeconds = pgDumpRuns.length ? median(pgDumpRuns) : undefined
    printFigures({
      bench: 'backup',
      server: typeof tools === 'string' ? 'embedded' : `PostgreSQL ${tools.major} at ${new URL(serverUrl).host}`,
      auditEntries: AUDIT_ENTRIES,
      privacyRequests: REQUESTS,
      rows,
      fillSeconds: round(fillSeconds, 1),
      plaintextMb: round(copyBytes / 1e6, 1),
      storedMb: round(backup.bytes / 1e6, 1),
      backupSeconds: round(backupSeconds),
      backupRuns: backupRuns.map((s) => round(s)),
      rowsPerSecond: Math.round(rows / backupSeconds),
      plaintextMbPerSecond: round(copyBytes / 1e6 / backupSeconds, 1),
      copyOnlySeconds: round(copySeconds),
      backupToCopyOnlyRatio: round(backupSeconds / copySeconds),
      peakRssMb: round(peakRssMb, 1),
      ...(pgDumpSeconds === undefined
        ? { pgDump: `not compared: ${tools as string}` }
        : {
            pgDumpSeconds: round(pgDumpSeconds),
            pgDumpRuns: pgDumpRuns.map((s) => round(s)),
            pgDumpMb: round(pgDumpBytes / 1e6, 1),
            backupToPgDumpRatio: round(backupSeconds / pgDumpSeconds),
            speedVsPgDump: round(pgDumpSeconds / backupSeconds),
          }),
      restoreSeconds: round(restoreSeconds),
      restorePhaseSeconds: Object.fromEntries(Object.entries(summary.seconds).map(([phase, s]) => [phase, round(s)])),
      restoreRowsPerSecond: Math.round(rows / restoreSeconds),
      drillLikeSeconds: round(drillSeconds),
      ...(pgRestoreSeconds === undefined ? {} : { pgRestoreSeconds: round(pgRestoreSeconds) }),
    })
  } finally {
    await rm(dumpFile, { force: true })
  }
})
