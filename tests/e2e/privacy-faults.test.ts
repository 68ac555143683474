// A worker killed (SIGKILL) in the middle of a privacy request's work, then started again:
// an export is built once and only the complete file is ever served; an erasure is done once
// and its receipt counts one erasure. Real processes: a web process that takes the requests
// and worker processes that run the jobs, sharing this file's database and an object store
// folder. The orphaned job is retried by pg-boss's own expiry (see support/orphaned-jobs.ts).
import { chmod, mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { faker } from '@faker-js/faker'
import type PgBoss from 'pg-boss'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { keyring } from '~/modules/crypto/kek.server'
import { ownerPool } from '~/modules/db/owner.server'
import { sendExportToRequester } from '~/modules/dsar/export-review.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { type RunningCandor, type RunningWorker, startCandor, startCandorWorker } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { makeOwnedWorkspace, makeWorkspace } from '../support/factories'
import { expireOrphanedJob, jobOf } from '../support/orphaned-jobs'
import { downloadExport } from '../support/requester-download'
import { fileOnPortal } from '../support/requests'
import { addClosedRequestsBy, addEmailsTo } from '../support/subject-records'
import { readZip } from '../support/zip'

let dataDir: string
let env: Record<string, string>
let web: RunningCandor
let boss: PgBoss
const workers: RunningWorker[] = []

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-faults-'))
  await chmod(dataDir, 0o777)
  // Web and workers share the object store folder, and this process's KEK (which wrapped the
  // data keys of the workspaces it makes).
  env = {
    NODE_ENV: 'test',
    CANDOR_DATA_DIR: dataDir,
    CANDOR_KEK: (await keyring()).current.key.toString('base64'),
    CLIENT_IP_HEADER: 'x-forwarded-for',
  }
  ;[web, boss] = await Promise.all([startCandor({ ...env, CANDOR_ROLE: 'web' }), startQueue({ supervise: false })])
})

// Each test owns its workers: none may pick up the next test's jobs.
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()))
})

afterAll(async () => {
  await web?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function startWorker(): Promise<RunningWorker> {
  const worker = await startCandorWorker(env)
  workers.push(worker)
  return worker
}

const count = async (sql: string, values: unknown[]) => (await ownerPool().query<{ n: number }>(sql, values)).rows[0]!.n

async function requestOf(workspaceId: string, reference: string) {
  const { rows } = await ownerPool().query<{ id: string }>('SELECT id FROM privacy_request WHERE workspace_id = $1 AND reference = $2', [
    workspaceId,
    reference,
  ])
  return rows[0]!.id
}

const filesIn = (folder: string) => readdir(folder).catch(() => [] as string[])

describe('a worker killed in the middle of an export', () => {
  it('builds the export once after a restart, and never serves the half-written file', { timeout: 120_000 }, async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const email = faker.internet.email().toLowerCase()
    // Enough records that zipping them takes a few seconds.
    await addEmailsTo(workspace.id, email, 40_000)
    const first = await startWorker()
    const { reference } = await fileOnPortal(web.url, workspace.slug, { type: 'access', email })
    const requestId = await requestOf(workspace.id, reference)
    const exports = path.join(dataDir, 'objects', 'workspaces', workspace.id, 'exports')
    const complete = `${requestId}.zip`

    // The export is under way: its file in progress has grown past its first records.
    const partial = await eventually(
      async () => {
        for (const name of await filesIn(exports)) {
          if (name === complete) continue
          const size = (await stat(path.join(exports, name)).catch(() => null))?.size ?? 0
          if (size > 256 * 1024) return name
        }
        return undefined
      },
      { timeoutMs: 60_000, intervalMs: 20, what: 'the export to be half written' },
    )
    await first.kill()

    // Nothing of it counts: no export row, no object under the export's key, the job orphaned.
    expect(await count('SELECT count(*)::int AS n FROM request_export WHERE request_id = $1', [requestId])).toBe(0)
    expect(await filesIn(exports)).toEqual([partial])
    const orphaned = await jobOf('dsar.export', 'requestId', requestId)
    expect(orphaned.state).toBe('active')

    await startWorker()
    const retried = await expireOrphanedJob(boss, 'dsar.export', orphaned.id)
    expect(retried.output?.value?.message).toBe('job failed by timeout in active state')
    await eventually(async () => (await jobOf('dsar.export', 'requestId', requestId)).state === 'completed', {
      timeoutMs: 60_000,
      what: 'the retried export to complete',
    })

    // Exactly one export: one row, one event, one audit entry, one object under its key.
    const { rows } = await ownerPool().query<{ object: { key: string }; bytes: string }>(
      'SELECT object, bytes FROM request_export WHERE request_id = $1',
      [requestId],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.object.key).toBe(`workspaces/${workspace.id}/exports/${complete}`)
    expect(await count(`SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND kind = 'export_ready'`, [requestId])).toBe(1)
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.export.create'`, [workspace.id]),
    ).toBe(1)
    // The partial file is still there, but nothing points at it: no key reaches a temporary name.
    expect((await filesIn(exports)).sort()).toEqual([partial, complete].sort())
    expect((await stat(path.join(exports, complete))).size).toBe(Number(rows[0]!.bytes))
    // What the task collected was deleted once the export held it.
    const task = await ownerPool().query<{ id: string; artifact: { collections: { name: string; rows: number }[] } }>(
      'SELECT id, artifact FROM request_task WHERE request_id = $1',
      [requestId],
    )
    expect(await filesIn(path.join(dataDir, 'objects', 'workspaces', workspace.id, 'tasks', task.rows[0]!.id))).toEqual([])

    // Once a member sent it, the subject's download decrypts into a whole ZIP with every record.
    await sendExportToRequester(member, requestId, {})
    const download = await downloadExport(web.url, workspace.slug, reference, email)
    expect(download.status).toBe(200)
    const files = await readZip(Buffer.from(await download.arrayBuffer()))
    const collected = task.rows[0]!.artifact.collections.find((c) => c.name === 'emails')!.rows
    expect(collected).toBeGreaterThanOrEqual(40_000)
    const system = 'candor-this-privacy-portal'
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['summary.html', `${system}/emails.json`, `${system}/emails.csv`, `${system}/privacy_requests.json`]),
    )
    expect((JSON.parse(files.get(`${system}/emails.json`)!) as unknown[]).length).toBe(collected)

    // The hourly dsar.expire sweeps what the killed write left, once nobody wrote it for an hour.
    const anHourAgo = new Date(Date.now() - 61 * 60 * 1000)
    await utimes(path.join(exports, partial), anHourAgo, anHourAgo)
    await boss.send('dsar.expire', {})
    await eventually(async () => (await filesIn(exports)).join() === complete, { what: 'the partial file to be swept' })
  })
})

describe('a worker killed in the middle of an erasure', () => {
  it('erases once after a restart: the task is done once and its receipt counts one erasure', { timeout: 120_000 }, async () => {
    const { workspace } = await makeWorkspace()
    const email = faker.internet.email().toLowerCase()
    const name = faker.person.fullName()
    await addEmailsTo(workspace.id, email, 5_000)
    // Earlier closed requests are redacted one by one: enough of them that it takes a while.
    await addClosedRequestsBy(workspace.id, email, name, 3_000)
    const first = await startWorker()
    const { reference } = await fileOnPortal(web.url, workspace.slug, { type: 'erasure', email, subjectName: name })
    const requestId = await requestOf(workspace.id, reference)

    // Mid-run: the erasure's transaction has deleted e-mails and is redacting earlier requests.
    const redacting = (db: string) =>
      ownerPool().query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = $1 AND backend_xid IS NOT NULL AND query LIKE 'UPDATE "public"."privacy_request"%'`,
        [db],
      )
    const database = (await ownerPool().query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db
    await eventually(async () => ((await redacting(database)).rowCount ?? 0) > 0, {
      timeoutMs: 60_000,
      intervalMs: 10,
      what: 'the erasure to be under way',
    })
    await first.kill()
    // PostgreSQL rolls the dead worker's transaction back once it sees the connection gone.
    await eventually(async () => (await redacting(database)).rowCount === 0, { what: 'the killed transaction to end' })

    // Nothing was erased: every e-mail and earlier request is still there, the task not done.
    const emailsBefore = (await ownerPool().query<{ id: string }>('SELECT id FROM email_message WHERE "to" = $1', [email])).rows.map((r) => r.id)
    expect(emailsBefore.length).toBeGreaterThanOrEqual(5_000)
    expect(await count('SELECT count(*)::int AS n FROM privacy_request WHERE email = $1 AND id <> $2', [email, requestId])).toBe(3_000)
    const task = (await ownerPool().query<{ id: string; state: string; receipt: unknown }>('SELECT id, state, receipt FROM request_task WHERE request_id = $1', [requestId])).rows[0]!
    expect(task).toMatchObject({ state: 'pending', receipt: null })
    const orphaned = await jobOf('dsar.task', 'taskId', task.id)
    expect(orphaned.state).toBe('active')

    await startWorker()
    await expireOrphanedJob(boss, 'dsar.task', orphaned.id)
    const done = await eventually(
      async () =>
        (
          await ownerPool().query<{ state: string; attempts: number; receipt: { items: { what: string; count: number }[] } }>(
            `SELECT state, attempts, receipt FROM request_task WHERE id = $1 AND state = 'done'`,
            [task.id],
          )
        ).rows[0],
      { timeoutMs: 60_000, what: 'the retried erasure to finish' },
    )
    await eventually(async () => (await jobOf('dsar.task', 'taskId', task.id)).state === 'completed', { what: 'the job to complete' })

    // Done once: one "done" mark, one audit entry, one timeline entry, one erasure stage.
    expect(done.attempts).toBe(1)
    expect(await count(`SELECT count(*)::int AS n FROM audit_entry WHERE workspace_id = $1 AND action = 'request.task.erase'`, [workspace.id])).toBe(1)
    expect(await count(`SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND kind = 'task_done'`, [requestId])).toBe(1)
    expect(await count(`SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND kind = 'erased_primary'`, [requestId])).toBe(1)

    // The receipt counts exactly what disappeared, once: every shop e-mail and every earlier request.
    const remaining = new Set(
      (await ownerPool().query<{ id: string }>('SELECT id FROM email_message WHERE "to" = $1', [email])).rows.map((r) => r.id),
    )
    const erased = emailsBefore.filter((id) => !remaining.has(id)).length
    expect(await count(`SELECT count(*)::int AS n FROM email_message WHERE "to" = $1 AND subject LIKE 'Your order %'`, [email])).toBe(0)
    const items = done.receipt.items
    expect(items).toEqual(
      expect.arrayContaining([
        { what: 'E-mails sent to you', count: erased },
        { what: expect.stringContaining('earlier, closed privacy requests'), count: 3_000 },
      ]),
    )
    // The subject had nothing else in Candor.
    expect(items.filter((i) => i.what !== 'E-mails sent to you' && !i.what.includes('earlier, closed')).every((i) => i.count === 0)).toBe(true)
    expect(await count('SELECT count(*)::int AS n FROM privacy_request WHERE email = $1', [email])).toBe(1)
    expect(
      await count(`SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1 AND subject_name = '[erased]'`, [workspace.id]),
    ).toBe(3_000)
  })
})
