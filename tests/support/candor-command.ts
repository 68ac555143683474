// Candor's operator commands (`node server/main.js <command>`, what `npm run backup:run` and the
// others run) as a child process of a test, against the test's database.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

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

/** What a command needs to run as in production (with a fresh KEK), besides what a test adds. */
export const productionEnv = () => ({
  NODE_ENV: 'production',
  APP_URL: 'https://candor.example',
  RESEND_API_KEY: 're_test',
  CANDOR_KEK: randomBytes(32).toString('base64'),
  PLATFORM_WORKSPACE_SLUG: 'candor',
})
