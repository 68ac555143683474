// Faults that once needed a person to recover from, injected into real Candor processes:
// kill -9 of Candor (its embedded PostgreSQL keeps running, and the next start must take it
// over), kill -9 of the embedded PostgreSQL while Candor runs, twice (Candor starts it again,
// and serves and runs jobs again), and SIGTERM while a job runs (the job finishes, the job it enqueues included,
// before the process exits). Each recovery is awaited with a generous bound, never timed.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyring } from '~/modules/crypto/kek.server'
import { isRunning, runningPostmaster } from '~/modules/db/embedded-postgres-owner.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue } from '~/modules/jobs/queue.server'
import { type RunningCandor, startCandor, startCandorWorker } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { makeWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'

describe('Candor on embedded PostgreSQL', () => {
  let dataDir: string
  let databaseDir: string
  let candor: RunningCandor | undefined
  // Embedded PostgreSQL in a folder of this test's own: no DATABASE_URL.
  const env = () => ({ DATABASE_URL: undefined, CANDOR_DATA_DIR: dataDir, NODE_ENV: 'test' })

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-fault-recovery-'))
    // The embedded server runs as the postgres user when we are root: let it in.
    await chmod(dataDir, 0o777)
    databaseDir = path.join(dataDir, 'postgres')
  })

  afterAll(async () => {
    await candor?.stop()
    // A failed test may have left a postmaster behind: stop it (fast shutdown) before removing its folder.
    const left = await runningPostmaster(databaseDir)
    if (left !== null) {
      process.kill(left, 'SIGINT')
      await eventually(async () => !isRunning(left), { timeoutMs: 30_000, what: 'the PostgreSQL left behind to stop' })
    }
    await rm(dataDir, { recursive: true, force: true })
  })

  it('starts again after kill -9, taking over the PostgreSQL the killed process left running', { timeout: 180_000 }, async () => {
    const first = await startCandor(env())
    const orphan = (await runningPostmaster(databaseDir))!
    expect(orphan).not.toBeNull()
    await first.kill()
    // Nothing of the killed process ran after the signal: its PostgreSQL still runs.
    expect(isRunning(orphan)).toBe(true)

    candor = await startCandor(env())
    expect(isRunning(orphan)).toBe(false)
    const postmaster = await runningPostmaster(databaseDir)
    expect(postmaster).not.toBeNull()
    expect(postmaster).not.toBe(orphan)
    expect(candor.output()).toContain('stopped the embedded PostgreSQL left running by a Candor that ended')
    expect((await fetch(`${candor.url}/p/acme`)).status).toBe(200)
  })

  it('starts its embedded PostgreSQL again after each kill -9 of it, serves and runs jobs again, and still stops cleanly', { timeout: 120_000 }, async () => {
    const running = candor!
    for (const round of [1, 2]) {
      const killed = (await runningPostmaster(databaseDir))!
      process.kill(killed, 'SIGKILL')
      await eventually(
        async () => {
          const postmaster = await runningPostmaster(databaseDir)
          if (postmaster === null || postmaster === killed) return false
          return (await fetch(`${running.url}/readyz`).catch(() => undefined))?.status === 200
        },
        { timeoutMs: 60_000, intervalMs: 250, what: `Candor to start its PostgreSQL again and be ready (round ${round})` },
      )
    }
    expect(running.output().match(/embedded PostgreSQL started again/g)).toHaveLength(2)
    // The portal reads from the database again: its connections came back by themselves.
    expect((await fetch(`${running.url}/p/acme`)).status).toBe(200)
    // And the job queue works again: a message is queued and delivered (to the development mailbox).
    const subject = `After the restart ${Date.now()}`
    const queued = await fetch(`${running.url}/dev/mailbox`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: running.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ to: 'ops@example.com', subject, text: 'Still here' }),
    })
    expect(queued.status).toBe(302)
    const database = new pg.Client({ connectionString: await embeddedUrl(dataDir) })
    await database.connect()
    try {
      await eventually(
        async () => (await database.query('SELECT status FROM email_message WHERE subject = $1', [subject])).rows[0]?.status === 'outbox',
        { timeoutMs: 30_000, what: 'the worker to deliver the message' },
      )
    } finally {
      await database.end()
    }

    candor = undefined
    expect(await running.stop()).toBe(0)
    expect(await runningPostmaster(databaseDir)).toBeNull()
  })
})

/** The owner's address of the embedded PostgreSQL in `dataDir` (its port from postmaster.pid). */
async function embeddedUrl(dataDir: string): Promise<string> {
  const password = (await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim()
  const port = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3]
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`
}

describe('SIGTERM while a job runs', () => {
  let objectsDir: string
  beforeAll(async () => {
    objectsDir = await mkdtemp(path.join(os.tmpdir(), 'candor-fault-recovery-objects-'))
    await startQueue({ supervise: false })
  })
  afterAll(() => rm(objectsDir, { recursive: true, force: true }))

  it('lets the running task finish, the export it enqueues included, before the process exits', { timeout: 120_000 }, async () => {
    const { workspace } = await makeWorkspace()
    const request = await receivedRequest(workspace.id, { type: 'access' })
    // The task writes to the request's timeline, which needs a share lock on the request row:
    // holding the row FOR UPDATE keeps the task mid-way, its work begun and its export not yet
    // enqueued.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('SELECT id FROM privacy_request WHERE id = $1 FOR UPDATE', [request.id])
      const worker = await startCandorWorker({
        NODE_ENV: 'test',
        CANDOR_DATA_DIR: objectsDir,
        // The workspace's data key was wrapped with this process's KEK.
        CANDOR_KEK: (await keyring()).current.key.toString('base64'),
        SHUTDOWN_GRACE_MS: '60000',
      })
      await eventually(
        async () =>
          (
            await ownerPool().query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows[0]!.n > 0,
        { timeoutMs: 60_000, what: 'the task to wait for the request row' },
      )
      const exited = worker.stop()
      await eventually(async () => worker.output().includes('SIGTERM received'), { what: 'the worker to begin stopping' })
      // The shutdown has begun: the task may go on now.
      await holder.query('COMMIT')
      expect(await exited).toBe(0)
      expect(worker.output()).not.toMatch(/job queue is not started/i)
    } finally {
      await holder.end()
    }

    const tasks = await ownerPool().query('SELECT state, attempts, last_error FROM request_task WHERE request_id = $1', [request.id])
    expect(tasks.rows).toEqual([{ state: 'done', attempts: 1, last_error: null }])
    const jobs = await ownerPool().query(
      `SELECT name, state FROM pgboss.job WHERE name IN ('dsar.task', 'dsar.export') AND data->>'workspaceId' = $1 ORDER BY name`,
      [workspace.id],
    )
    // The export waits for the next worker; the task is complete, not failed or retried.
    expect(jobs.rows).toEqual([
      { name: 'dsar.export', state: 'created' },
      { name: 'dsar.task', state: 'completed' },
    ])
  })
})
