// The Node.js + PostgreSQL guide (docs/site/deploy-node.md), followed as written in production
// mode: its environment file, `npm run build` in a copy of the sources, `npm run db:migrate` on a
// new empty database, then the two systemd units' command (a web and a worker process). Only
// `npm ci` is left out: the copy links this checkout's node_modules (and its generated client).
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from '~/modules/config/env.server'
import { scratchDatabases } from '../support/database-url'
import { type RunningCandor, type RunningWorker, startCandor, startCandorWorker } from '../support/candor-server'

const GUIDE = 'docs/site/deploy-node.md'
/** What `npm run build` reads (server/build.js's SOURCES, and the Markdown the docs bundle). */
const SOURCES = ['app', 'server', 'jobs', 'public', 'prisma', 'docs/site', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts', 'react-router.config.ts', 'prisma.config.ts']

const freshDatabase = scratchDatabases('candor_selfhost')
let checkout: string
let guide: string
let env: Record<string, string>
let web: RunningCandor | undefined
let worker: RunningWorker | undefined

/** The guide's environment file: the code block that starts with NODE_ENV=production. */
function environmentFileOf(markdown: string): Record<string, string> {
  const block = /```sh\n(NODE_ENV=production\n[\s\S]*?)```/.exec(markdown)?.[1]
  if (!block) throw new Error(`${GUIDE} has no environment file block`)
  return Object.fromEntries(block.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))
}

const npm = (script: string) =>
  promisify(execFile)('npm', ['run', script], { cwd: checkout, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })

beforeAll(async () => {
  guide = await readFile(GUIDE, 'utf8')
  checkout = await mkdtemp(path.join(os.tmpdir(), 'candor-self-host-'))
  await Promise.all(SOURCES.map((source) => cp(source, path.join(checkout, source), { recursive: true })))
  await symlink(path.resolve('node_modules'), path.join(checkout, 'node_modules'), 'dir')
  // The guide's values, but for those that name the reader's database, folders and secrets (the
  // port and APP_URL are the test server's own when it starts).
  const { PORT: _port, ...written } = environmentFileOf(guide)
  env = {
    ...written,
    DATABASE_URL: await freshDatabase(),
    CANDOR_KEK: randomBytes(32).toString('base64'),
    CANDOR_DATA_DIR: path.join(checkout, 'data'),
    LOG_LEVEL: 'warn',
  }
})

afterAll(async () => {
  if (web) expect(await web.stop()).toBe(0)
  if (worker) expect(await worker.stop()).toBe(0)
  if (checkout) await rm(checkout, { recursive: true, force: true })
})

describe('the Node.js and PostgreSQL guide', () => {
  it('has an environment file that Candor accepts in production, with every required variable', () => {
    const file = environmentFileOf(guide)
    expect(Object.keys(file)).toEqual(expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'APP_URL', 'RESEND_API_KEY', 'CANDOR_KEK', 'PLATFORM_WORKSPACE_SLUG']))
    // The placeholders a reader replaces are the only values that fail validation as written.
    expect(() => parseEnv(file)).toThrow(/CANDOR_KEK: must be 32 bytes/)
    expect(parseEnv({ ...file, CANDOR_KEK: env.CANDOR_KEK })).toMatchObject({ NODE_ENV: 'production', HOST: '127.0.0.1', CANDOR_ROLE: 'all' })
  })

  it('builds, migrates and starts a web and a worker process that serve the home page', async () => {
    expect(guide).toContain('npm run build && npm run db:migrate')
    await npm('build')
    const migrated = await npm('db:migrate')
    expect(migrated.stderr).not.toMatch(/error/i)

    for (const role of ['web', 'worker']) expect(guide).toContain(`Environment=CANDOR_ROLE=${role}`)
    expect(guide).toContain('ExecStart=/usr/bin/node server/main.js start')
    const { APP_URL: _url, ...served } = env
    // Started together, as systemd starts the two units; each is kept for afterAll as soon as it runs.
    await Promise.all([
      startCandor({ ...served, CANDOR_ROLE: 'web' }, { cwd: checkout }).then((started) => (web = started)),
      startCandorWorker(env, { cwd: checkout }).then((started) => (worker = started)),
    ])
    if (!web) throw new Error('the web process did not start')

    const health = await fetch(`${web.url}/healthz`)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${web.url}/readyz`)
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } })
    const home = await fetch(web.url)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('The honest trust center')
    // Production: no demo data, no development mailbox.
    expect((await fetch(`${web.url}/t/acme`)).status).toBe(404)
    expect((await fetch(`${web.url}/dev/mailbox`)).status).toBe(404)
  }, 180_000)
})
