// The operator console's backups page, below the browser: "run now" queues the job with the
// operator's id and writes the platform audit entry in the same transaction, refuses a second
// one while the first still waits, and refuses a drill with no backup to restore; the page's
// view shows a queued run as queued, a running record as running (or cut off past its job's
// limit), and only a drill that passed as passed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { backupOperationsView } from '~/modules/ops/backup-operations.server'
import { RunNowRefusedError, runNow } from '~/modules/ops/run-now.server'
import { insertBackup, insertDrill } from '../support/backup-records'
import { makeWorkspace } from '../support/factories'

const HOUR = 60 * 60 * 1000
const ago = (ms: number) => new Date(Date.now() - ms)
let operator: { id: string; email: string }

beforeAll(async () => {
  await startQueue({ supervise: false })
  operator = (await makeWorkspace()).owner
})
afterAll(() => stopQueue({ graceMs: 0 }))
beforeEach(async () => {
  await ownerPool().query(`DELETE FROM ${BOSS_SCHEMA}.job WHERE name IN ('backup.run', 'backup.drill', 'retention.purge')`)
  await ownerPool().query('DELETE FROM backup_drill')
  await ownerPool().query('DELETE FROM backup')
})

const jobsOf = async (queue: string) =>
  (await ownerPool().query(`SELECT id, state, data FROM ${BOSS_SCHEMA}.job WHERE name = $1`, [queue])).rows
const platformEntries = async (action: string) =>
  (
    await ownerPool().query(
      `SELECT actor_type, actor_id, target_type, target_id, after, ip FROM audit_entry WHERE workspace_id IS NULL AND action = $1`,
      [action],
    )
  ).rows

describe('run now', () => {
  it('queues each run with the operator as its requester and records it in the platform audit log', async () => {
    await insertBackup('succeeded', ago(2 * HOUR), ago(HOUR))
    for (const [kind, queue, action] of [
      ['backup', 'backup.run', 'backup.run_request'],
      ['drill', 'backup.drill', 'backup.drill_request'],
      ['purge', 'retention.purge', 'retention.purge_request'],
    ] as const) {
      const { jobId } = await runNow(operator.id, kind, { ip: '203.0.113.7', userAgent: 'test' })
      expect(await jobsOf(queue)).toEqual([{ id: jobId, state: 'created', data: { trigger: 'operator', requestedBy: operator.id } }])
      expect(await platformEntries(action)).toEqual([
        { actor_type: 'operator', actor_id: operator.id, target_type: 'job', target_id: jobId, after: { queue, trigger: 'operator' }, ip: '203.0.113.7' },
      ])
    }
  })

  it('refuses a second run while one still waits for a worker, and a drill with no backup to restore', async () => {
    await runNow(operator.id, 'backup', {})
    await expect(runNow(operator.id, 'backup', {})).rejects.toThrow(/A backup is already queued \(since \d\d:\d\d UTC\)/)
    expect(await jobsOf('backup.run')).toHaveLength(1)

    await insertBackup('failed', ago(2 * HOUR), ago(HOUR))
    const entriesBefore = (await platformEntries('backup.drill_request')).length
    const refused = runNow(operator.id, 'drill', {})
    await expect(refused).rejects.toBeInstanceOf(RunNowRefusedError)
    await expect(refused).rejects.toThrow('There is no backup to restore yet: run a backup first, then the drill.')
    // Nothing half-done: neither a job nor an audit entry.
    expect(await jobsOf('backup.drill')).toEqual([])
    expect(await platformEntries('backup.drill_request')).toHaveLength(entriesBefore)
  })
})

describe('what the page shows', () => {
  it('a queued run as queued, by whom, and each record with its own status', async () => {
    const good = await insertBackup('succeeded', ago(30 * HOUR), ago(29 * HOUR))
    await insertBackup('running', ago(5 * HOUR), null) // past backup.run's 4-hour limit: cut off
    await insertBackup('running', ago(HOUR / 60), null)
    await insertDrill('failed', good, ago(3 * HOUR), ago(3 * HOUR - 1000))
    await insertDrill('passed', good, ago(2 * HOUR), ago(2 * HOUR - 65_000))
    await runNow(operator.id, 'drill', {})

    const view = await backupOperationsView()
    expect(view.hasSucceededBackup).toBe(true)
    expect(view.drills.waiting).toEqual([
      expect.objectContaining({ state: 'queued', trigger: 'operator', requestedBy: operator.email }),
    ])
    expect(view.backups.waiting).toEqual([])
    expect(view.backups.runs.map((b) => [b.status, b.overdue])).toEqual([
      ['running', false],
      ['running', true],
      ['succeeded', false],
    ])
    expect(view.backups.runs[2]).toMatchObject({ id: good, bytes: 4_718_592, rows: 23_592, keyId: 'a1b2c3d4e5f60718', error: null })
    expect(view.drills.runs.map((d) => [d.status, d.durationMs, d.rows, d.chainsVerified])).toEqual([
      ['passed', 65_000, 120_345, 3],
      ['failed', 1000, null, null],
    ])
    expect(view.drills.runs[1]!.error).toMatch(/^No private key for backup key/)
  })
})
