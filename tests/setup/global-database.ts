// Once per test run: a PostgreSQL server (DATABASE_URL, or embedded PostgreSQL in .data/test)
// and a template database with every migration applied. Test files clone the template.
import { createHash } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { startEmbeddedPostgres } from '~/modules/db/embedded-postgres.server'
import { migrate, readMigrations } from '~/modules/db/migrate.server'
import { databaseUrl } from '../support/database-url'

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string
    templateDatabase: string
  }
}

type Prepared = { serverUrl: string; template: string; stop?: () => Promise<void> }

// Every project runs this setup; the work is shared through globalThis (one process runs them).
const shared = globalThis as unknown as { candorTestDatabase?: Promise<Prepared>; candorUsers?: number }

export async function setup(project: TestProject) {
  shared.candorTestDatabase ??= prepare()
  shared.candorUsers = (shared.candorUsers ?? 0) + 1
  const { serverUrl, template, stop } = await shared.candorTestDatabase
  project.provide('serverUrl', serverUrl)
  project.provide('templateDatabase', template)
  return async () => {
    shared.candorUsers = (shared.candorUsers ?? 1) - 1
    if (shared.candorUsers === 0) await stop?.()
  }
}

async function prepare(): Promise<Prepared> {
  let serverUrl = process.env.DATABASE_URL
  let stop: (() => Promise<void>) | undefined
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres('.data/test')
    serverUrl = embedded.url
    stop = embedded.stop
  }
  const migrations = await readMigrations()
  const fingerprint = createHash('sha256')
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n'))
    .digest('hex')
    .slice(0, 16)
  const template = `candor_template_${fingerprint}`

  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      'candor_template_%',
    ])
    const exists = rows.some((row) => row.datname === template)
    for (const row of rows.filter((row) => row.datname !== template)) {
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`)
    }
    if (!exists) {
      const building = `${template}_building`
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`)
      await admin.query(`CREATE DATABASE "${building}"`)
      await migrate(databaseUrl(serverUrl, building), migrations)
      // Renamed only once complete, so a crash never leaves a half-migrated template.
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`)
    }
  } finally {
    await admin.end()
  }

  return { serverUrl, template, stop }
}
