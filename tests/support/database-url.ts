import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'

/** `url` with its database name replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** `work` with a connection of its own to the database at `url`, closed after. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The rows `sql` returns in the database at `url`, over a connection of its own. */
export async function rowsAt(url: string, sql: string): Promise<Record<string, unknown>[]> {
  return withClient(url, async (client) => (await client.query(sql)).rows)
}

/**
 * Empty databases on the test's server, dropped after the file's tests: call at a test file's
 * top level; the function it returns makes one and gives its URL.
 */
export function scratchDatabases(prefix = 'candor_restore'): () => Promise<string> {
  const names: string[] = []
  afterAll(async () => {
    for (const name of names) await ownerPool().query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
  return async () => {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`
    await ownerPool().query(`CREATE DATABASE "${name}"`)
    names.push(name)
    return databaseUrl(process.env.DATABASE_URL!, name)
  }
}
