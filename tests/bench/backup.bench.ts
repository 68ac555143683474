// Benchmark: a backup of a database holding BACKUP_BENCH_AUDIT_ENTRIES audit entries (default
// 1,000,000, bulk-inserted with real hashes) and BACKUP_BENCH_REQUESTS privacy requests
// (default 200,000). Measures the backup (median of ROUNDS, in this process), against a
// baseline measured in the same run: the same tables read with the same COPY in one snapshot,
// thrown away (no compression, encryption or storage); the peak RSS of `npm run backup:run` as
// its own process; and one restore into an empty database. Run with `npm run bench:backup`;
// prints one JSON line. pg_dump is not compared here yet (issue 14's later slice).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { expect, it } from 'vitest'
import { runBackup } from '~/modules/backups/backup.server'
import { backupPrivateKeys } from '~/modules/backups/backup-keys.server'
import { findSucceededBackup } from '~/modules/backups/catalogue.server'
import { restoreBackup } from '~/modules/backups/restore.server'
import { quoteName, snapshotTables } from '~/modules/backups/schema-shape.server'
import { ownerPool } from '~/modules/db/owner.server'
import { appendBulkEntries } from '../support/audit-chain'
import { median, printFigures } from '../support/bench-figures'
import { databaseUrl } from '../support/database-url'
import { makeWorkspace } from '../support/factories'
import { processMemory } from '../support/process-memory'

const AUDIT_ENTRIES = Number(process.env.BACKUP_BENCH_AUDIT_ENTRIES ?? 1_000_000)
const REQUESTS = Number(process.env.BACKUP_BENCH_REQUESTS ?? 200_000)
const ROUNDS = 3

const seconds = (since: number) => (performance.now() - since) / 1000
const round = (value: number, digits = 2) => Number(value.toFixed(digits))

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

it('measures a backup and a restore of a large database', async () => {
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

  const name = `candor_restore_${randomBytes(6).toString('hex')}`
  await ownerPool().query(`CREATE DATABASE "${name}"`)
  try {
    started = performance.now()
    const summary = await restoreBackup(await findSucceededBackup(backup.id), databaseUrl(process.env.DATABASE_URL!, name), await backupPrivateKeys())
    const restoreSeconds = seconds(started)
    expect(summary.rows).toBe(rows)
    const backupSeconds = median(backupRuns)
    const copySeconds = median(copyRuns)
    printFigures({
      bench: 'backup',
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
      restoreSeconds: round(restoreSeconds),
      restoreRowsPerSecond: Math.round(rows / restoreSeconds),
    })
  } finally {
    await ownerPool().query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
})
