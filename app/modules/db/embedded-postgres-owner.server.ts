// Which Candor owns an embedded PostgreSQL data folder. A Candor killed with SIGKILL (or by the
// out-of-memory killer) leaves its postmaster running; the next start must tell that orphan from
// a postmaster another live Candor is using, and stop only the orphan. The owner is recorded as
// a pid and that process's start time, so a pid the system has since given to another program
// does not pass for the owner.
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export class DataDirInUseError extends Error {}

type Owner = { pid: number; startedAt: string | null }

/** A postmaster left running by a Candor that is gone, stopped by `claimDataFolder`. */
export type TakenOver = { postmasterPid: number; ownerPid: number }

const STOP_WAIT_MS = 60_000

/**
 * Make this process the owner of `databaseDir` (inside `dataDir`), before its postmaster starts.
 * Refuses while another live Candor owns it, or while a postmaster whose owner is unknown runs
 * on it; stops (fast shutdown) a postmaster whose Candor is gone, and waits until it has exited.
 */
export async function claimDataFolder(dataDir: string, databaseDir: string): Promise<TakenOver | null> {
  const ownerFile = path.join(dataDir, 'postgres-owner.json')
  const owner = await readOwner(ownerFile)
  if (owner && (await isAlive(owner))) {
    throw new DataDirInUseError(
      `Another Candor (pid ${owner.pid}) is already using ${databaseDir}.\n` +
        'Stop it first, or give this one its own folder with CANDOR_DATA_DIR, or set DATABASE_URL.',
    )
  }
  let postmasterPid = await runningPostmaster(databaseDir)
  if (postmasterPid !== null) {
    const onThisFolder = await runsOn(postmasterPid, databaseDir)
    if (onThisFolder === false) {
      // The postmaster died and its pid now belongs to another program: PostgreSQL would take
      // the stale lock file for a running server and refuse to start.
      await rm(path.join(databaseDir, 'postmaster.pid'), { force: true })
      postmasterPid = null
    } else if (onThisFolder === null || !owner) {
      throw new DataDirInUseError(
        `A PostgreSQL (pid ${postmasterPid}) that no Candor is recorded as starting is running on ${databaseDir}.\n` +
          `Stop it first (kill -INT ${postmasterPid}), or give Candor its own folder with CANDOR_DATA_DIR, or set DATABASE_URL.`,
      )
    }
  }
  // Recorded before the orphan is stopped and the new postmaster started: a second Candor
  // starting meanwhile finds a live owner and refuses.
  await writeFile(ownerFile, `${JSON.stringify({ pid: process.pid, startedAt: await startTimeOf(process.pid) })}\n`)
  if (postmasterPid === null) return null
  // Fast shutdown: open transactions are rolled back and a checkpoint is written, so the new
  // postmaster starts without crash recovery.
  process.kill(postmasterPid, 'SIGINT')
  for (const deadline = Date.now() + STOP_WAIT_MS; isRunning(postmasterPid); ) {
    if (Date.now() > deadline) {
      throw new Error(`The PostgreSQL (pid ${postmasterPid}) left running on ${databaseDir} did not stop within ${STOP_WAIT_MS / 1000} s.`)
    }
    await sleep(100)
  }
  return { postmasterPid, ownerPid: owner!.pid }
}

/** The pid in the data folder's postmaster.pid, when that process is running. */
export async function runningPostmaster(databaseDir: string): Promise<number | null> {
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return null
  // A stale pid file from a crash: PostgreSQL itself recovers from it.
  return isRunning(pid) ? pid : null
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(file: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>
    return Number.isInteger(owner.pid) ? { pid: owner.pid!, startedAt: owner.startedAt ?? null } : null
  } catch {
    return null
  }
}

async function isAlive(owner: Owner): Promise<boolean> {
  if (!isRunning(owner.pid)) return false
  const startedAt = await startTimeOf(owner.pid)
  // Without /proc (not Linux) a running pid is taken for the owner: refusing is the safe side.
  return owner.startedAt === null || startedAt === null || startedAt === owner.startedAt
}

/** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
async function startTimeOf(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (!stat) return null
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
}

/**
 * Whether `pid` is a postmaster started on `databaseDir` (its command line holds `-D <dir>`),
 * not a program that was given the pid of one that died; null where it cannot be told (no /proc).
 */
async function runsOn(pid: number, databaseDir: string): Promise<boolean | null> {
  if (!existsSync('/proc/self/cmdline')) return null
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  const args = cmdline.split('\0')
  return args.some((arg, i) => arg === '-D' && args[i + 1] === databaseDir)
}
