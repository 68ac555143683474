// Candor's operator commands (`node server/main.js <command>`, what `npm run backup:run` and the
// others run) as a child process of a test, against the test's database.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { databaseUrl } from './database-url'

/** A command's environment: only what it needs, plus `extra`. */
export const commandEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: process.env.DATABASE_URL,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  ...extra,
})

export type CommandFailure = { code: number; stdout: string; stderr: string }

/** Run a command to its end: its output, or (exit code not 0) the failure with its code. */
export function runCommand(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, ['server/main.js', ...args], { env: commandEnv(env) }).catch((error: CommandFailure) => error)
}

/**
 * Empty databases on the test's server, dropped after the file's tests: call at a test file's
 * top level; the function it returns makes one and gives its URL.
 */
export function scratchDatabases(prefix = 'candor_restore'): () => Promise<string> {
  const names: string[] = []
  afterAll(async () => {
    for (const name of names) await ownerPool().query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
  return async () => {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`
    await ownerPool().query(`CREATE DATABASE "${name}"`)
    names.push(name)
    return databaseUrl(process.env.DATABASE_URL!, name)
  }
}
