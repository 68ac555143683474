// Which Chromium the browser tests drive, found without downloading anything: CHROMIUM_PATH
// when set, else a system Chromium, else the one shipped compressed inside the
// @sparticuz/chromium npm package, unpacked once into a cache folder (a fresh machine has only
// Node). The unpacking writes into a folder of its own and renames it into place, so a run
// killed half-way never leaves a cache that later runs would trust.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
export const DEFAULT_CACHE_DIR = resolve('node_modules/.cache/candor-chromium')

type Options = {
  env?: NodeJS.ProcessEnv
  systemPaths?: readonly string[]
  cacheDir?: string
}

export type ChromiumChoice = { path: string; source: 'CHROMIUM_PATH' | 'system' | 'bundled' }

export async function findChromium(options: Options = {}): Promise<ChromiumChoice> {
  const env = options.env ?? process.env
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which does not exist.`)
    return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
  }
  const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((path) => existsSync(path))
  if (system) return { path: system, source: 'system' }
  return { path: await unpackBundledChromium(options.cacheDir ?? DEFAULT_CACHE_DIR), source: 'bundled' }
}

/** Unpacks @sparticuz/chromium into `<cacheDir>/<version>` (once) and returns the binary's path. */
export async function unpackBundledChromium(cacheDir: string): Promise<string> {
  const version = bundledChromiumVersion()
  const target = join(cacheDir, version)
  const binary = join(target, 'chromium')
  if (existsSync(binary)) return binary

  await mkdir(cacheDir, { recursive: true })
  const staging = await mkdtemp(join(cacheDir, `${version}.unpacking-`))
  // The package unpacks into os.tmpdir(), which reads TMPDIR on each call: point it at the
  // staging folder for the duration of the unpacking only.
  const previousTmpdir = process.env.TMPDIR
  process.env.TMPDIR = staging
  try {
    const { default: bundled } = await import('@sparticuz/chromium')
    await bundled.executablePath()
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previousTmpdir
  }
  try {
    await rename(staging, target)
  } catch (error) {
    // Another run unpacked the same version first: use theirs.
    await rm(staging, { recursive: true, force: true })
    if (!existsSync(binary)) throw error
  }
  return binary
}

function bundledChromiumVersion(): string {
  // The package exports no package.json; its entry point sits two folders below it.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  const manifest = join(dirname(entry), '..', '..', 'package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}
