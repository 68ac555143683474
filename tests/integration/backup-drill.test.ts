// Restore drills against real PostgreSQL, real backups in the object store and real pg-boss: a
// drill of a good backup passes and leaves its row and its receipt in the platform audit log;
// a drill of a backup with one byte changed fails naming it and e-mails the operators; a
// scratch database left by a drill that died is dropped by the next drill.
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { beforeAll, describe, expect, it } from 'vitest'
import { runBackup } from '~/modules/backups/backup.server'
import { runDrill } from '~/modules/backups/drill.server'
import { scratchDatabaseName } from '~/modules/backups/scratch-database.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { workQueue } from '../../jobs/worker.server'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { insertRequests } from '../support/request-rows'

const OPERATORS = ['ops-one@candor.example', 'ops-two@candor.example']
// Read by env() on first use, which nothing in this file has made yet.
process.env.OPERATOR_EMAILS = OPERATORS.join(',')

const query = async <T extends object>(sql: string, values: unknown[] = []) => (await ownerPool().query<T>(sql, values)).rows

const drillRow = async (id: string) =>
  (await query<Record<string, unknown>>(`SELECT status, backup_id, trigger, requested_by, duration_ms, rows::float8 AS rows,
     chains_verified, error, finished_at FROM backup_drill WHERE id = $1`, [id]))[0]

const receipts = (drillId: string) =>
  query<{ actor_type: string; actor_id: string; after: Record<string, unknown>; workspace_id: string | null }>(
    `SELECT actor_type, actor_id, after, workspace_id FROM audit_entry WHERE action = 'backup.drill' AND target_id = $1`,
    [drillId],
  )

const scratchDatabases = async () =>
  (await query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname LIKE 'candor\\_drill\\_%'`)).map((r) => r.name)

beforeAll(async () => {
  // Failed drills queue their e-mails through pg-boss.
  await startQueue({ supervise: false })
  const { workspace } = await makeWorkspace()
  await addMember(workspace.id, 'agent')
  await insertRequests(workspace.id, Array.from({ length: 40 }, () => ({ receivedAt: new Date(), state: 'in_progress' as const })))
})

describe('a restore drill', () => {
  it('passes on a good backup: its row says what was restored and checked, its receipt is in the platform audit log, the scratch database is gone', async () => {
    const backup = await runBackup()
    const [{ chains }] = (await query<{ chains: number }>(
      `SELECT count(DISTINCT coalesce(workspace_id::text, 'platform'))::int AS chains FROM audit_entry`,
    )) as [{ chains: number }]
    const drill = await runDrill({ trigger: 'command' })
    expect(drill).toMatchObject({ status: 'passed', backupId: backup.id, error: null, alerted: 0 })
    const rows = Object.values(backup.rowCounts).reduce((sum, n) => sum + n, 0)
    expect(drill.rows).toBe(rows)
    expect(drill.chainsVerified).toBe(chains)

    expect(await drillRow(drill.id)).toMatchObject({
      status: 'passed',
      backup_id: backup.id,
      trigger: 'command',
      requested_by: null,
      duration_ms: drill.durationMs,
      rows,
      chains_verified: drill.chainsVerified,
      error: null,
    })
    const [receipt, ...more] = await receipts(drill.id)
    expect(more).toEqual([])
    expect(receipt).toMatchObject({
      workspace_id: null,
      actor_type: 'system',
      actor_id: 'backup.drill (command)',
      after: { status: 'passed', backupId: backup.id, rows, chainsVerified: drill.chainsVerified, durationMs: drill.durationMs },
    })
    expect(await scratchDatabases()).not.toContain(scratchDatabaseName(drill.id))
  })

  it('fails on a backup with one byte changed, naming the backup, and e-mails every operator the reason', async () => {
    const backup = await runBackup()
    const stored = await buffer(await objectStore().get(backup.objectKey))
    stored[Math.floor(stored.length / 2)]! ^= 0x01
    await objectStore().put(backup.objectKey, Readable.from([stored]))

    const drill = await runDrill({ trigger: 'schedule' })
    expect(drill.status).toBe('failed')
    expect(drill.backupId).toBe(backup.id)
    expect(drill.error).toMatch(new RegExp(`^Backup ${backup.id} was not restored: This encrypted file cannot be read: record \\d+ was altered`))
    expect(drill.alerted).toBe(2)
    expect(await drillRow(drill.id)).toMatchObject({ status: 'failed', backup_id: backup.id, rows: null, error: drill.error })
    const [receipt] = await receipts(drill.id)
    expect(receipt!.after).toMatchObject({ status: 'failed', backupId: backup.id, error: drill.error })

    const mail = await query<{ to: string; subject: string; text: string }>(
      `SELECT "to", subject, text FROM email_message WHERE subject = $1 ORDER BY "to"`,
      [`Restore drill failed (backup ${backup.id})`],
    )
    expect(mail.map((m) => m.to)).toEqual(OPERATORS)
    expect(mail[0]!.text).toContain(drill.error!)
    expect(mail[0]!.text).toContain('npm run backup:drill')
    expect(await scratchDatabases()).not.toContain(scratchDatabaseName(drill.id))

    // The damaged backup stays failed; a new good backup drills again.
    await runBackup()
    expect(await runDrill({ trigger: 'command' })).toMatchObject({ status: 'passed', error: null })
  })

  it('drops the scratch database a drill killed part-way left, and marks that drill failed with its receipt', async () => {
    await runBackup()
    // What kill -9 in the middle of a drill leaves: a running row and its scratch database.
    const dead = randomUUID()
    await ownerPool().query(`INSERT INTO backup_drill (id, trigger, started_at) VALUES ($1, 'schedule', now() - interval '5 minutes')`, [dead])
    await ownerPool().query(`CREATE DATABASE "${scratchDatabaseName(dead)}"`)
    // Someone else's database that merely looks like one is left alone.
    const stranger = scratchDatabaseName(randomUUID())
    await ownerPool().query(`CREATE DATABASE "${stranger}"`)
    try {
      const drill = await runDrill({ trigger: 'command' })
      expect(drill.status).toBe('passed')
      expect(drill.abandoned).toBe(1)
      expect(drill.droppedScratchDatabases).toEqual([scratchDatabaseName(dead)])
      const databases = await scratchDatabases()
      expect(databases).not.toContain(scratchDatabaseName(dead))
      expect(databases).toContain(stranger)
      expect(await drillRow(dead)).toMatchObject({ status: 'failed', error: 'The drill stopped before it finished (the process ended).' })
      expect((await receipts(dead))[0]!.after).toMatchObject({ status: 'failed' })
    } finally {
      await ownerPool().query(`DROP DATABASE IF EXISTS "${stranger}"`)
    }
  })

  it('refuses an operator request that names no operator, before recording anything', async () => {
    const before = (await query<{ n: number }>('SELECT count(*)::int AS n FROM backup_drill'))[0]!.n
    await expect(runDrill({ trigger: 'operator' })).rejects.toThrow('A drill an operator asked for names the operator (requestedBy).')
    expect((await query<{ n: number }>('SELECT count(*)::int AS n FROM backup_drill'))[0]!.n).toBe(before)
  })
})

describe('the backup.drill job', () => {
  it('runs the schedule\'s empty payload as a scheduled drill, and an operator\'s as theirs', async () => {
    await runBackup()
    const operator = await addMember((await makeWorkspace()).workspace.id, 'viewer')
    const boss = await startQueue({ supervise: false })
    await workQueue(boss, 'backup.drill', { pollingIntervalSeconds: 0.5 })
    const latest = () =>
      query<{ id: string; trigger: string; requested_by: string | null; status: string }>(
        `SELECT id, trigger, requested_by, status FROM backup_drill WHERE status <> 'running' ORDER BY started_at DESC LIMIT 1`,
      )
    await boss.send('backup.drill', {})
    const scheduled = await eventually(async () => (await latest()).find((row) => row.trigger === 'schedule' && row.status === 'passed'), {
      what: 'a scheduled drill to pass',
      timeoutMs: 60_000,
    })
    await boss.send('backup.drill', { trigger: 'operator', requestedBy: operator.userId })
    const asked = await eventually(async () => (await latest()).find((row) => row.trigger === 'operator'), {
      what: 'the operator\'s drill to finish',
      timeoutMs: 60_000,
    })
    expect(asked).toMatchObject({ status: 'passed', requested_by: operator.userId })
    expect(asked.id).not.toBe(scheduled.id)
    const [receipt] = await receipts(asked.id)
    expect(receipt).toMatchObject({ actor_type: 'operator', actor_id: operator.userId })
  }, 150_000)
})
