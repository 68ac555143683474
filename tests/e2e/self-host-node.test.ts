// The Node.js + PostgreSQL guide (docs/site/deploy-node.md), followed as written in production
// mode: its environment file (with a new empty database, a key and a folder of its own), step
// 4's shell command (`npm run build && npm run db:migrate`) in a copy of the sources, then the
// two systemd units' command (a web and a worker process). Left out: `npm ci` (the copy links
// this checkout's node_modules and generated client), the user, systemd and the proxy.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
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
let environmentFile: string
let web: RunningCandor | undefined
let worker: RunningWorker | undefined

/** The guide's environment file, as written: the code block that starts with NODE_ENV=production. */
function environmentBlockOf(markdown: string): string {
  const block = /```sh\n(NODE_ENV=production\n[\s\S]*?)```/.exec(markdown)?.[1]
  if (!block) throw new Error(`${GUIDE} has no environment file block`)
  return block
}

/** The file as systemd's EnvironmentFile reads it: a value in double quotes loses them. */
function environmentOf(block: string): Record<string, string> {
  const valueOf = (raw: string) => /^"(.*)"$/.exec(raw)?.[1] ?? raw
  return Object.fromEntries(block.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), valueOf(line.slice(line.indexOf('=') + 1))]))
}

/** Step 4 of the guide, the build and the migration, as the shell runs it. */
const STEP_4 = 'set -a; . /etc/candor/candor.env; set +a; npm run build && npm run db:migrate'

beforeAll(async () => {
  guide = await readFile(GUIDE, 'utf8')
  checkout = await mkdtemp(path.join(os.tmpdir(), 'candor-self-host-'))
  await Promise.all(SOURCES.map((source) => cp(source, path.join(checkout, source), { recursive: true })))
  await symlink(path.resolve('node_modules'), path.join(checkout, 'node_modules'), 'dir')
  // The guide's file, but for the lines that name the reader's database, folders and secrets.
  const own: Record<string, string> = {
    DATABASE_URL: await freshDatabase(),
    CANDOR_KEK: randomBytes(32).toString('base64'),
    CANDOR_DATA_DIR: path.join(checkout, 'data'),
  }
  environmentFile = environmentBlockOf(guide).replace(/^(DATABASE_URL|CANDOR_KEK|CANDOR_DATA_DIR)=.*$/gm, (_, key: string) => `${key}=${own[key]}`)
  await writeFile(path.join(checkout, 'candor.env'), environmentFile)
})

afterAll(async () => {
  if (web) expect(await web.stop()).toBe(0)
  if (worker) expect(await worker.stop()).toBe(0)
  if (checkout) await rm(checkout, { recursive: true, force: true })
})

describe('the Node.js and PostgreSQL guide', () => {
  it('has an environment file that Candor accepts in production, with every required variable', () => {
    const file = environmentOf(environmentBlockOf(guide))
    expect(Object.keys(file)).toEqual(expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'APP_URL', 'RESEND_API_KEY', 'CANDOR_KEK', 'PLATFORM_WORKSPACE_SLUG']))
    // The placeholders a reader replaces are the only values that fail validation as written.
    expect(() => parseEnv(file)).toThrow(/CANDOR_KEK: must be 32 bytes/)
    expect(parseEnv(environmentOf(environmentFile))).toMatchObject({ NODE_ENV: 'production', HOST: '127.0.0.1', CANDOR_ROLE: 'all' })
  })

  it('builds, migrates and starts a web and a worker process that serve the home page', async () => {
    expect(guide).toContain(STEP_4)
    const built = await promisify(execFile)('sh', ['-c', STEP_4.replace('/etc/candor/candor.env', './candor.env')], {
      cwd: checkout,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    })
    expect(built.stdout).toContain('"message":"migrations applied"')

    // The units' command, with the file's variables as systemd passes them (the web process's
    // port and APP_URL are the test server's own).
    const env: Record<string, string> = { ...environmentOf(environmentFile), LOG_LEVEL: 'warn' }
    const { PORT: _port, APP_URL: _url, ...webEnv } = env
    for (const role of ['web', 'worker']) expect(guide).toContain(`Environment=CANDOR_ROLE=${role}`)
    expect(guide).toContain('ExecStart=/usr/bin/node server/main.js start')
    // Started together, as systemd starts the two units; each is kept for afterAll as soon as it runs.
    await Promise.all([
      startCandor({ ...webEnv, CANDOR_ROLE: 'web' }, { cwd: checkout }).then((started) => (web = started)),
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
