// The connection form of a Postgres data system (new, and changed on its page): a name, then
// either a connection URL or the fields, the TLS mode and the password. A URL's password is
// moved to the password (sealed, never shown back); what the URL says wins over the fields.
import { z } from 'zod'
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'
import { type PostgresSettings, postgresSettingsSchema } from '../settings'
import { ConnectionUrlError, readConnectionUrl } from './connection-url'

export const CONNECTION_FIELDS = ['host', 'port', 'database', 'user', 'tls', 'statementTimeoutSeconds'] as const

const systemName = z
  .string()
  .trim()
  .min(1, 'Name the database, e.g. “Product database”.')
  .max(100, 'Keep the name under 100 characters.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'The name cannot contain control characters.')

const password = z
  .string()
  .max(1000, 'A password is at most 1,000 characters long.')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'The password cannot contain control characters.')

const TEXT_FIELDS = new Set(['host', 'database', 'user'])

/** Messages in words for the fields whose schema speaks in bounds. */
const PLAIN_MESSAGES: Record<string, string> = {
  port: 'The port is a whole number from 1 to 65535.',
  statementTimeoutSeconds: 'The statement timeout is a whole number of seconds from 1 to 600.',
  tls: 'Choose a TLS mode: verify-full, require or disable.',
}

export type ConnectionInput = { name: string; settings: PostgresSettings; password: string | null }
export type ConnectionFormResult = { ok: true; input: ConnectionInput } | { ok: false; fieldErrors: Record<string, string> }

/** The form's values read into a name, settings and password; `password` is null when none was given. */
export function connectionFromForm(values: Record<string, string | undefined>): ConnectionFormResult {
  const fieldErrors: Record<string, string> = {}
  const name = systemName.safeParse(values.name ?? '')
  if (!name.success) fieldErrors.name = name.error.issues[0]!.message
  const typed = password.safeParse(values.password ?? '')
  if (!typed.success) fieldErrors.password = typed.error.issues[0]!.message
  // Empty number and choice fields take the settings' defaults; an empty name field is refused by name.
  const fields = Object.fromEntries(CONNECTION_FIELDS.map((field) => [field, values[field]?.trim() || (TEXT_FIELDS.has(field) ? '' : undefined)]))
  let fromUrl: ReturnType<typeof readConnectionUrl> = { settings: {}, password: null }
  const url = (values.url ?? '').trim()
  if (url.length > 2000) fieldErrors.url = 'A connection URL is at most 2,000 characters long.'
  else if (url) {
    try {
      fromUrl = readConnectionUrl(url)
    } catch (error) {
      if (!(error instanceof ConnectionUrlError)) throw error
      fieldErrors.url = error.message
    }
  }
  const settings = postgresSettingsSchema.safeParse({ ...fields, ...fromUrl.settings })
  if (!settings.success) {
    for (const issue of settings.error.issues) {
      const field = String(issue.path[0] ?? 'host')
      // A value that came from the URL is corrected in the URL.
      fieldErrors[url && field in fromUrl.settings ? 'url' : field] ??= PLAIN_MESSAGES[field] ?? issue.message
    }
  }
  if (!name.success || !typed.success || !settings.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
  return { ok: true, input: { name: name.data, settings: settings.data, password: typed.data || fromUrl.password || null } }
}

/** What the form shows again after a post: the fields as typed, never a password (a URL's is cut out). */
export function echoedValues(values: Record<string, string | undefined>): Record<string, string> {
  const shown: Record<string, string> = {}
  for (const field of ['name', ...CONNECTION_FIELDS] as const) if (values[field] !== undefined) shown[field] = values[field]!
  const url = values.url ?? ''
  // Only a postgres URL is read, so only its password can be cut out; any other text with an @ may hold one.
  let parsed: URL | null = null
  try {
    parsed = new URL(url)
  } catch {
    parsed = null
  }
  if (parsed && (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:')) {
    parsed.password = ''
    shown.url = parsed.toString()
  } else shown.url = url.includes('@') ? '' : url
  return shown
}
