#!/usr/bin/env node
// Entry point of every npm script that runs Candor:
//   start    build if the sources changed since the last build, then run the built server
//   dev      run from source with Vite (hot reload)
//   migrate  apply pending database migrations and exit
//   audit:verify  verify every audit-log hash chain; exit 1 if one is broken
//   keys:rotate   re-wrap every data key under a new KEK (CANDOR_KEK, CANDOR_KEK_PREVIOUS)
//   backup:run     take one backup now
//   backup:restore restore a backup into an empty database (--backup <id|latest> --into <url>)
//   backup:keygen  print a new backup key pair
//   backup:drill   restore the newest backup into a scratch database, check it, drop it
//   retention:purge  purge what is past its retention now (decision 023)
// Plain JavaScript so that it runs before anything is built.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { BUILD_ENTRY, buildIfStale } from './build.js'

/** Command → the runtime function it calls. */
const COMMANDS = {
  start: 'start',
  migrate: 'migrateCommand',
  'audit:verify': 'auditVerifyCommand',
  'keys:rotate': 'keysRotateCommand',
  'backup:run': 'backupRunCommand',
  'backup:restore': 'backupRestoreCommand',
  'backup:keygen': 'backupKeygenCommand',
  'backup:drill': 'backupDrillCommand',
  'retention:purge': 'retentionPurgeCommand',
}

if (existsSync('.env')) process.loadEnvFile('.env')
const command = process.argv[2] ?? 'start'

if (command === 'dev') {
  process.env.NODE_ENV ??= 'development'
  const { createServer } = await import('vite')
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom' })
  const runtime = await vite.ssrLoadModule('./server/runtime.ts')
  await runtime.start({ vite })
} else if (command in COMMANDS) {
  if (process.env.NODE_ENV !== 'production' && !buildIfStale()) process.exit(1)
  const runtime = await import(path.resolve(BUILD_ENTRY))
  await runtime[COMMANDS[command]]()
} else {
  console.error(`Unknown command "${command}". Use ${['dev', ...Object.keys(COMMANDS)].join(', ')}.`)
  process.exit(2)
}
