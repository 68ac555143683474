// Starts the built Candor server as its own process, the way `npm start` does, against this
// test file's database, and waits until /readyz says it is ready.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { eventually } from './eventually'

export type RunningCandor = { url: string; output: () => string; stop: () => Promise<number | null> }

export async function startCandor(env: Record<string, string> = {}): Promise<RunningCandor> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['server/main.js', 'start'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: process.env.DATABASE_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: url,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`Candor exited early:\n${output}`)
        const response = await fetch(`${url}/readyz`).catch(() => undefined)
        return response?.status === 200
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'Candor to be ready' },
    )
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
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
