// The scratch database a restore drill restores into: created with CREATE DATABASE on
// BACKUP_DRILL_DATABASE_URL's server (default: DATABASE_URL's), named after the drill, dropped
// when the drill ends. A drill killed part-way leaves its database behind; the next drill, which
// holds the drill lock, drops every scratch database named after one of this catalogue's drills.
import pg from 'pg'
import { env } from '~/modules/config/env.server'
import { quoteName } from './schema-shape.server'

const PREFIX = 'candor_drill_'

export type ScratchDatabase = { name: string; url: string }

/** The database a drill restores into: `candor_drill_<drill id without dashes>` (45 characters, within PostgreSQL's 63). */
export const scratchDatabaseName = (drillId: string) => `${PREFIX}${drillId.replaceAll('-', '')}`

function serverUrl(): string {
  const url = env().BACKUP_DRILL_DATABASE_URL ?? process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: the database must be started first')
  return url
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), application_name: 'candor-drill' })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

export async function createScratchDatabase(drillId: string): Promise<ScratchDatabase> {
  const name = scratchDatabaseName(drillId)
  await onServer((client) => client.query(`CREATE DATABASE ${quoteName(name)}`))
  const url = new URL(serverUrl())
  url.pathname = `/${name}`
  return { name, url: url.toString() }
}

export async function dropScratchDatabase(name: string): Promise<void> {
  // FORCE: a restore that failed may not have closed its connection yet.
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`))
}

/**
 * Drop the scratch databases of drills that are over (call only while holding the drill lock,
 * so none of them is alive). Only names of `drillIds` are touched: another server's or another
 * deployment's databases are never dropped. Returns the names dropped.
 */
export async function dropLeftoverScratchDatabases(drillIds: string[]): Promise<string[]> {
  const ours = new Set(drillIds.map(scratchDatabaseName))
  const { rows } = await onServer((client) =>
    client.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)`, [PREFIX]),
  )
  const leftovers = rows.map((row) => row.name).filter((name) => ours.has(name))
  for (const name of leftovers) await dropScratchDatabase(name)
  return leftovers
}
