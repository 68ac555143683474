#!/usr/bin/env node
// Entry point of every npm script that runs Candor:
//   start    build if the sources changed since the last build, then run the built server
//   dev      run from source with Vite (hot reload)
//   migrate  apply pending database migrations and exit
// Plain JavaScript so that it runs before anything is built.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const BUILD_ENTRY = 'build/server/index.js'
const SOURCES = [
  'app',
  'server',
  'jobs',
  'public',
  'prisma/schema.prisma',
  'vite.config.ts',
  'react-router.config.ts',
  'package-lock.json',
]

if (existsSync('.env')) process.loadEnvFile('.env')
const command = process.argv[2] ?? 'start'

if (command === 'dev') {
  process.env.NODE_ENV ??= 'development'
  const { createServer } = await import('vite')
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom' })
  const runtime = await vite.ssrLoadModule('./server/runtime.ts')
  await runtime.start({ vite })
} else if (command === 'start' || command === 'migrate') {
  if (process.env.NODE_ENV !== 'production') buildIfStale()
  const runtime = await import(path.resolve(BUILD_ENTRY))
  await (command === 'start' ? runtime.start() : runtime.migrateCommand())
} else {
  console.error(`Unknown command "${command}". Use start, dev or migrate.`)
  process.exit(2)
}

function buildIfStale() {
  if (existsSync(BUILD_ENTRY) && newestMtime(SOURCES) <= statSync(BUILD_ENTRY).mtimeMs) return
  console.log('Building Candor (the sources changed since the last build)…')
  const result = spawnSync('npx', ['react-router', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}

function newestMtime(paths) {
  let newest = 0
  for (const entry of paths) {
    if (!existsSync(entry)) continue
    const stat = statSync(entry)
    if (stat.isDirectory()) {
      const children = readdirSync(entry).map((child) => path.join(entry, child))
      newest = Math.max(newest, newestMtime(children))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  return newest
}
