// How `npm start` behaves when something is wrong, and with embedded PostgreSQL: one clear
// message and a non-zero exit, never a half-started process or a shared data folder.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { freePort, startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'

type Run = { code: number | null; output: string }

/** Run `node server/main.js start` with exactly `env` (plus PATH) until it exits. */
function startAndWait(env: Record<string, string>, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/main.js', 'start'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`still running after ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

const tempDirs: string[] = []
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true })
})

describe('npm start with a bad environment', () => {
  it('lists every invalid variable in one message and exits non-zero', async () => {
    const run = await startAndWait({ PORT: 'eighty', CANDOR_ROLE: 'cron' })
    expect(run.code).toBe(1)
    expect(run.output).toContain('Candor cannot start: the environment is not valid.')
    expect(run.output).toMatch(/PORT: /)
    expect(run.output).toMatch(/CANDOR_ROLE: /)
  })

  it('refuses to start in production without its secrets', async () => {
    const run = await startAndWait({ NODE_ENV: 'production' })
    expect(run.code).toBe(1)
    for (const name of ['DATABASE_URL', 'APP_URL', 'RESEND_API_KEY', 'CANDOR_KEK', 'PLATFORM_WORKSPACE_SLUG']) {
      expect(run.output).toContain(`${name}: is required in production`)
    }
  })

  it('prints a failure to reach the database without the addresses in it', async () => {
    const closedPort = await freePort()
    const run = await startAndWait({
      DATABASE_URL: `postgres://candor@127.0.0.1:${closedPort}/candor`,
      NODE_ENV: 'test',
      PORT: String(await freePort()),
    })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`ECONNREFUSED [ip]:${closedPort}`)
    expect(run.output).not.toContain('127.0.0.1')
  })

  it('says so plainly when the port is taken', async () => {
    const port = await freePort()
    const blocker = net.createServer().listen(port, '127.0.0.1')
    try {
      const run = await startAndWait({
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
      })
      expect(run.code).toBe(1)
      expect(run.output).toContain(`Port ${port} is already in use`)
    } finally {
      blocker.close()
    }
  })
})

describe('npm start with embedded PostgreSQL', () => {
  it('initialises, migrates and seeds a fresh folder; a second start is refused; SIGTERM stops both cleanly', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'candor-embedded-'))
    tempDirs.push(dataDir)
    // The embedded server runs as the postgres user when we are root: let it in.
    await chmod(dataDir, 0o777)
    const port = await freePort()
    const first = spawn(process.execPath, ['server/main.js', 'start'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CANDOR_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
      },
    })
    let output = ''
    first.stdout.on('data', (chunk) => (output += chunk))
    first.stderr.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => first.on('exit', resolve))
    const ready = await eventually(
      async () => {
        if (first.exitCode !== null) throw new Error(`exited early:\n${output}`)
        const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
        return response?.status === 200 && (await response.json())
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'embedded Candor to be ready' },
    )
    expect(ready).toMatchObject({ status: 'ready' })
    expect(output).toContain('seeded the demo workspace')

    const second = await startAndWait({
      CANDOR_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
    })
    expect(second.code).toBe(1)
    expect(second.output).toMatch(/Another Candor \(pid \d+\) is already using/)

    first.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
  })
})

describe('CANDOR_ROLE', () => {
  it('splits the work: a web process queues, a worker process delivers', async () => {
    const web = await startCandor({ NODE_ENV: 'test', CANDOR_ROLE: 'web' })
    try {
      const response = await fetch(`${web.url}/dev/mailbox`, {
        method: 'POST',
        headers: { origin: web.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ to: 'ops@example.com', subject: 'Split roles', text: 'Hi' }),
        redirect: 'manual',
      })
      expect(response.status).toBe(302)
      const status = () =>
        ownerPool()
          .query("SELECT status FROM email_message WHERE subject = 'Split roles'")
          .then((r) => r.rows[0]?.status)
      // The web process runs no job: the message waits (workers poll every 2 s).
      await new Promise((resolve) => setTimeout(resolve, 3000))
      expect(await status()).toBe('queued')

      const worker = spawn(process.execPath, ['server/main.js', 'start'], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: process.env.DATABASE_URL,
          NODE_ENV: 'test',
          CANDOR_ROLE: 'worker',
        },
      })
      let workerOutput = ''
      worker.stdout.on('data', (chunk) => (workerOutput += chunk))
      const workerExited = new Promise((resolve) => worker.on('exit', resolve))
      await eventually(async () => (await status()) === 'outbox', {
        timeoutMs: 30_000,
        what: 'the worker process to deliver the e-mail',
      })
      // Workers start before the banner is printed, so the banner may come a moment later.
      await eventually(async () => workerOutput.includes('Candor worker is running (role worker)'), {
        what: 'the worker banner',
      })
      worker.kill('SIGTERM')
      expect(await workerExited).toBe(0)
    } finally {
      await web.stop()
    }
  })
})
