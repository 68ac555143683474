// Backups and restore against real PostgreSQL and the real object store (the local folder):
// a backup restored into a fresh database holds the same rows; a changed byte, a wrong key
// and a database that is not empty are refused; a run that fails or dies part-way leaves no
// succeeded backup, and the next run succeeds.
import { randomUUID } from 'node:crypto'
import { Readable, Transform } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { BackupAlreadyRunningError, runBackup } from '~/modules/backups/backup.server'
import { backupPrivateKeys, newKeyPair, parsePrivateKey } from '~/modules/backups/backup-keys.server'
import { backupRow, findSucceededBackup } from '~/modules/backups/catalogue.server'
import { RestoreRefusedError, restoreBackup } from '~/modules/backups/restore.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { backupSchedule } from '~/modules/jobs/queues'
import { objectStore } from '~/modules/storage/object-store.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { rowsAt, scratchDatabases } from '../support/database-url'
import { insertRequests } from '../support/request-rows'

const emptyDatabase = scratchDatabases()

// What a test compares between the source and a restored database: whole rows, in a fixed order.
const COMPARED = [
  'SELECT * FROM workspace ORDER BY id',
  'SELECT * FROM membership ORDER BY id',
  'SELECT * FROM workspace_key ORDER BY workspace_id, version',
  'SELECT * FROM privacy_request ORDER BY id',
  'SELECT * FROM audit_entry ORDER BY id',
  'SELECT * FROM audit_chain_head ORDER BY chain',
  'SELECT last_value, is_called FROM audit_entry_id_seq',
]

let sourceRows: unknown[][]
const workspaceIds: string[] = []

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const { workspace } = await makeWorkspace()
    workspaceIds.push(workspace.id)
    await addMember(workspace.id, 'agent')
    const ids = await insertRequests(
      workspace.id,
      Array.from({ length: 150 }, (_, n) => ({ receivedAt: new Date(Date.now() - n * 3_600_000), state: 'in_progress' as const })),
    )
    // COPY's text format must carry tabs, line breaks, backslashes and non-ASCII unchanged.
    await ownerPool().query('UPDATE privacy_request SET subject_name = $2, details = $3 WHERE id = $1', [
      ids[0],
      'Zoë \t"Tab" O\'Brien \\ back',
      'line one\nline two\r\n\\N is not null',
    ])
  }
  sourceRows = await Promise.all(COMPARED.map((sql) => rowsAt(process.env.DATABASE_URL!, sql)))
})


describe('a backup', () => {
  it('is catalogued with its size, hash, row counts, schema version and key, and restores into an empty database unchanged', async () => {
    const backup = await runBackup()
    const row = await backupRow(backup.id)
    expect(row).toMatchObject({
      status: 'succeeded',
      objectKey: `backups/${backup.id}`,
      bytes: backup.bytes,
      sha256: backup.sha256,
      keyId: backup.keyId,
      error: null,
    })
    const { rows: newest } = await ownerPool().query('SELECT max(name) AS name FROM _candor_migrations')
    expect(row!.schemaVersion).toBe(newest[0].name)
    expect(row!.snapshot).toMatch(/^\d+:\d+:/)
    expect(row!.rowCounts).toMatchObject({ privacy_request: 300, workspace: 2 })
    expect(Object.keys(row!.rowCounts!)).not.toContain('backup')
    expect(Object.keys(row!.rowCounts!)).not.toContain('_candor_migrations')
    // Stored compressed and encrypted: no row's text appears in the object.
    const stored = await buffer(await objectStore().get(backup.objectKey))
    expect(stored.length).toBe(backup.bytes)
    expect(stored.subarray(0, 4).toString()).toBe('CNDB')
    expect(stored.includes(Buffer.from('Zoë'))).toBe(false)

    const into = await emptyDatabase()
    const summary = await restoreBackup(await findSucceededBackup('latest'), into, await backupPrivateKeys())
    expect(summary.rowCounts).toEqual(row!.rowCounts)
    expect(summary.chainsIntact).toBe(true)
    expect(summary.chains.map((chain) => chain.workspaceId).sort()).toEqual(workspaceIds.sort())
    expect(summary.chains.every((chain) => chain.entries > 0)).toBe(true)
    for (const [index, sql] of COMPARED.entries()) expect(await rowsAt(into, sql), sql).toEqual(sourceRows[index])
    // The restored database works: triggers and forced row-level security are back.
    const [forced] = (await rowsAt(into, `SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'privacy_request'`)) as { forced: boolean }[]
    expect(forced!.forced).toBe(true)
    await expect(rowsAt(into, 'DELETE FROM audit_entry')).rejects.toThrow(/append-only/)

    // Restoring into it again is refused: it is no longer empty.
    await expect(restoreBackup(row!, into, await backupPrivateKeys())).rejects.toThrow(
      /not empty \(the table \w+ has rows\).*only into an empty database/,
    )
  })

  it('is refused with a clear message when the private key is not the one it was encrypted to, before the database is touched', async () => {
    const backup = await runBackup()
    const into = await emptyDatabase()
    const other = parsePrivateKey(newKeyPair().privateText)
    const refusal = restoreBackup((await backupRow(backup.id))!, into, [other])
    await expect(refusal).rejects.toThrow(RestoreRefusedError)
    await expect(refusal).rejects.toThrow(
      `Backup ${backup.id} was not restored: It was encrypted to backup key ${backup.keyId}, and the private key given is ${other.id}. ` +
        `Set BACKUP_PRIVATE_KEY to the private key of ${backup.keyId}.`,
    )
    expect(await rowsAt(into, `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace`)).toEqual([])
  })

  it('fails loudly, naming the backup, when one byte of the stored object changed; the database stays empty for another try', async () => {
    const backup = await runBackup()
    const stored = await buffer(await objectStore().get(backup.objectKey))
    stored[Math.floor(stored.length / 2)]! ^= 0x01
    await objectStore().put(backup.objectKey, Readable.from([stored]))
    const into = await emptyDatabase()
    await expect(restoreBackup((await backupRow(backup.id))!, into, await backupPrivateKeys())).rejects.toThrow(
      new RegExp(`^Backup ${backup.id} was not restored: This encrypted file cannot be read: record \\d+ was altered`),
    )
    expect(await rowsAt(into, 'SELECT count(*)::int AS n FROM workspace')).toEqual([{ n: 0 }])

    // The same database takes a good backup afterwards.
    const good = await runBackup()
    const summary = await restoreBackup((await backupRow(good.id))!, into, await backupPrivateKeys())
    expect(summary.rowCounts.privacy_request).toBe(300)
  })
})

describe('a backup taken after a restore drill', () => {
  it('leaves the drill receipts out, as it leaves out the catalogue they point at, and restores', async () => {
    const drilled = await runBackup()
    await ownerPool().query(
      `INSERT INTO backup_drill (id, backup_id, status, finished_at, trigger) VALUES ($1, $2, 'passed', now(), 'command')`,
      [randomUUID(), drilled.id],
    )
    const backup = await runBackup()
    const row = await backupRow(backup.id)
    expect(Object.keys(row!.rowCounts!)).not.toContain('backup_drill')
    const summary = await restoreBackup(row!, await emptyDatabase(), await backupPrivateKeys())
    expect(summary.chainsIntact).toBe(true)
  })
})

describe('a backup that does not finish', () => {
  it('is catalogued as failed, with no object, when its stream breaks part-way; the next run succeeds', async () => {
    let seen = 0
    const breakAfter = () =>
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length
          done(seen > 2_000 ? new Error('the disk went away') : null, chunk)
        },
      })
    await expect(runBackup({ tap: breakAfter })).rejects.toThrow('the disk went away')
    const { rows } = await ownerPool().query<{ id: string; object_key: string }>(
      `SELECT id, object_key FROM backup WHERE status = 'failed' AND error = 'the disk went away'`,
    )
    expect(rows).toHaveLength(1)
    expect(await objectStore().exists(rows[0]!.object_key)).toBe(false)
    expect((await runBackup()).rowCounts.privacy_request).toBe(300)
  })

  it('left running by a process that died is failed, and its object deleted, by the next run', async () => {
    // What kill -9 between storing the object and cataloguing it leaves: a running row and an object.
    const id = randomUUID()
    await ownerPool().query(`INSERT INTO backup (id, object_key, key_id) VALUES ($1, $2, 'deadbeefdeadbeef')`, [id, `backups/${id}`])
    await objectStore().put(`backups/${id}`, Readable.from([Buffer.from('half a backup')]))
    const next = await runBackup()
    expect(next.abandoned).toBe(1)
    expect(await backupRow(id)).toMatchObject({ status: 'failed', error: 'The run stopped before it finished (the process ended).' })
    expect(await objectStore().exists(`backups/${id}`)).toBe(false)
    expect((await findSucceededBackup('latest')).id).toBe(next.id)
    await expect(findSucceededBackup(id)).rejects.toThrow(`Backup ${id} is failed, not a backup to restore from.`)
  })

  it('is not started while another run holds the backup lock', async () => {
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('candor.backup'))`)
      await expect(runBackup()).rejects.toThrow(BackupAlreadyRunningError)
    } finally {
      await holder.end()
    }
  })
})

describe('the backup.run job', () => {
  it('is scheduled daily at the configured hour and, worked by a worker, takes a backup', async () => {
    expect(backupSchedule(4)).toEqual({ queue: 'backup.run', cron: '11 4 * * *' })
    const boss = await startQueue({ supervise: false })
    await workQueue(boss, 'backup.run', { pollingIntervalSeconds: 0.5 })
    const before = (await ownerPool().query(`SELECT count(*)::int AS n FROM backup WHERE status = 'succeeded'`)).rows[0].n
    await boss.send('backup.run', {})
    await eventually(async () => {
      const { rows } = await ownerPool().query(`SELECT count(*)::int AS n FROM backup WHERE status = 'succeeded'`)
      return rows[0].n === before + 1
    }, { what: 'the job to catalogue a succeeded backup' })
  })
})
