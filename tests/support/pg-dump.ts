// PostgreSQL's own tools, for the benchmarks that compare Candor's backup with them: the
// pg_dump and pg_restore whose major version is the server's (pg_dump refuses a newer server,
// and an older server's dump would not be the same work), found where Debian installs them.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'

export type PgTools = { pgDump: string; pgRestore: string; major: number }

const run = promisify(execFile)

async function majorOf(tool: string): Promise<number | undefined> {
  const version = await run(tool, ['--version']).then((out) => out.stdout, () => '')
  const major = /\(PostgreSQL\) (\d+)/.exec(version)?.[1]
  return major ? Number(major) : undefined
}

/** The server's major version, or why it cannot be reached. */
export async function serverMajor(url: string): Promise<number | string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => {})
  try {
    await client.connect()
    const { rows } = await client.query<{ major: number }>("SELECT current_setting('server_version_num')::int / 10000 AS major")
    return rows[0]!.major
  } catch (error) {
    return `no PostgreSQL server at ${new URL(url).host} (${(error as Error).message})`
  } finally {
    await client.end().catch(() => {})
  }
}

/** pg_dump and pg_restore of `major`, or why there are none. */
export async function pgToolsFor(major: number): Promise<PgTools | string> {
  for (const dir of [`/usr/lib/postgresql/${major}/bin`, '/usr/bin']) {
    const pgDump = `${dir}/pg_dump`
    if ((await majorOf(pgDump)) === major) return { pgDump, pgRestore: `${dir}/pg_restore`, major }
  }
  return `no pg_dump ${major} installed`
}
