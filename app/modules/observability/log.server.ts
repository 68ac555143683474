// The process's log lines: one JSON object per line, scrubbed of personal data and credentials.
import { env } from '~/modules/config/env.server'
import { scrubText } from './scrub'

type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < ORDER[env().LOG_LEVEL]) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout
  stream.write(`${scrubText(line)}\n`)
}

/** An error as log fields: its class and message, and the stack outside production. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) }
  return {
    error: `${error.name}: ${error.message}`,
    ...(env().NODE_ENV === 'production' ? {} : { stack: error.stack }),
  }
}
