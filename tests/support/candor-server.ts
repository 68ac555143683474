// Starts the built Candor server as its own process, the way `npm start` does, against this
// test file's database, and waits until /readyz says it is ready. A worker-only process
// (CANDOR_ROLE=worker, no HTTP server) is ready once it prints its banner.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { SERVER_NODE_FLAGS } from '../../server/node-flags.js'
import { eventually } from './eventually'

export type RunningCandor = {
  url: string
  /** The process running Candor (main.js imports the build in-process: no other child). */
  pid: number
  output: () => string
  /** SIGTERM, then its exit code once it has shut down. */
  stop: () => Promise<number | null>
  /** SIGKILL, as a crash or an out-of-memory kill would: nothing runs after it. */
  kill: () => Promise<void>
}

export type RunningWorker = Omit<RunningCandor, 'url'>

/** Where to run Candor from: a checkout (default: this one). */
type StartOptions = { cwd?: string }

/** `env` adds to or overrides the defaults; an undefined value removes one (DATABASE_URL: embedded PostgreSQL). */
function spawnCandor(env: Record<string, string | undefined>, { cwd }: StartOptions = {}) {
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['server/main.js', 'start'], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: process.env.DATABASE_URL,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
      // The flags of `npm start`, as NODE_OPTIONS so that a caller's own (later: they win) can change them.
      NODE_OPTIONS: [...SERVER_NODE_FLAGS, env.NODE_OPTIONS].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const handle: RunningWorker = {
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  const check = () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Candor exited early:\n${output}`)
  }
  return { child, handle, check }
}

/** Waits up to 90 s: on a loaded two-core machine a cold start (migrations, the queue) has taken over 30. */
export async function startCandor(env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<RunningCandor> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const { child, handle, check } = spawnCandor({ PORT: String(port), APP_URL: url, ...env }, options)
  try {
    await eventually(
      async () => {
        check()
        const response = await fetch(`${url}/readyz`).catch(() => undefined)
        return response?.status === 200
      },
      { timeoutMs: 90_000, intervalMs: 200, what: 'Candor to be ready' },
    )
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return { url, ...handle }
}

/** A worker-only Candor (job handlers and cron, no HTTP server). */
export async function startCandorWorker(env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<RunningWorker> {
  const { child, handle, check } = spawnCandor({ ...env, CANDOR_ROLE: 'worker' }, options)
  try {
    await eventually(
      async () => {
        check()
        return handle.output().includes('Candor worker is running')
      },
      { timeoutMs: 90_000, intervalMs: 100, what: 'the Candor worker to start' },
    )
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return handle
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}
