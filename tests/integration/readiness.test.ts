import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeOwnerPool, ownerPool } from '~/modules/db/owner.server'
import { checkReadiness } from '~/modules/health/readiness.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'

/** What `work` wrote to stderr (the log's warnings), parsed line by line. */
async function warnings(work: () => Promise<unknown>) {
  const written: string[] = []
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  try {
    await work()
  } finally {
    stderr.mockRestore()
  }
  return written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line))
}

describe('checkReadiness', () => {
  it('is ready when the database answers, migrations are current and the queue runs', async () => {
    await startQueue({ supervise: false })
    expect(await checkReadiness()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', queue: 'ok' },
    })
  })

  it('says which check fails, and logs what is wrong only in the log', async () => {
    await stopQueue({ graceMs: 0 })
    const [latest] = (
      await ownerPool().query('SELECT name, checksum FROM _candor_migrations ORDER BY name DESC LIMIT 1')
    ).rows
    await ownerPool().query('DELETE FROM _candor_migrations WHERE name = $1', [latest.name])
    let report: unknown
    const logged = await warnings(async () => (report = await checkReadiness()))
    await ownerPool().query('INSERT INTO _candor_migrations (name, checksum) VALUES ($1, $2)', [
      latest.name,
      latest.checksum,
    ])
    expect(report).toEqual({
      status: 'not_ready',
      checks: { database: 'ok', migrations: 'failing', queue: 'failing' },
    })
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: 'readiness check failing', check: 'queue', problem: 'not started' }),
        expect.objectContaining({ check: 'migrations', problem: `pending: ${latest.name}` }),
      ]),
    )
  })
})

describe('the readiness answer', () => {
  const databaseUrl = process.env.DATABASE_URL
  afterEach(async () => {
    process.env.DATABASE_URL = databaseUrl
    await closeOwnerPool()
  })

  it("never carries the database's error text", async () => {
    await closeOwnerPool()
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:9/candor'
    let report: unknown
    const logged = await warnings(async () => (report = await checkReadiness()))
    expect(JSON.stringify(report)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/)
    expect(report).toMatchObject({ status: 'not_ready', checks: { migrations: 'failing' } })
    expect(logged).toContainEqual(
      expect.objectContaining({ check: 'migrations', problem: 'connect ECONNREFUSED [ip]:9' }),
    )
  })
})

describe('the migrations on disk', () => {
  it('are read again after a failed read, not remembered as failed', async () => {
    vi.resetModules()
    const { checkReadiness: freshCheck } = await import('~/modules/health/readiness.server')
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'candor-no-migrations-'))
    const repository = process.cwd()
    process.chdir(elsewhere)
    try {
      expect((await warnings(freshCheck)).map((entry) => entry.check)).toContain('migrations')
    } finally {
      process.chdir(repository)
      await rm(elsewhere, { recursive: true, force: true })
    }
    expect((await freshCheck()).checks.migrations).toBe('ok')
  })
})
