// A Postgres connection URL (postgres://user:password@host:port/database?sslmode=…) read into
// the system's settings and its password, which goes to the sealed secret and nowhere else.
// libpq's sslmode words map to Candor's TLS modes; anything Candor cannot honour is refused.
import type { PostgresSettings } from '../settings'

export class ConnectionUrlError extends Error {}

const TLS_OF_SSLMODE: Record<string, PostgresSettings['tls']> = {
  'verify-full': 'verify-full',
  require: 'require',
  disable: 'disable',
}

export function readConnectionUrl(text: string): { settings: Partial<PostgresSettings>; password: string | null } {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new ConnectionUrlError('This is not a connection URL: it looks like postgres://user@host:5432/database.')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConnectionUrlError('A connection URL starts with postgres:// or postgresql://.')
  }
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value)
    } catch {
      throw new ConnectionUrlError('The URL has a broken %-escape.')
    }
  }
  const sslmode = url.searchParams.get('sslmode')
  if (sslmode !== null && !TLS_OF_SSLMODE[sslmode]) {
    throw new ConnectionUrlError(`sslmode=${sslmode} is not offered: choose verify-full, require or disable.`)
  }
  const settings: Partial<PostgresSettings> = {
    host: url.hostname,
    database: decode(url.pathname.replace(/^\//, '')),
    user: decode(url.username),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(sslmode ? { tls: TLS_OF_SSLMODE[sslmode] } : {}),
  }
  return { settings, password: url.password ? decode(url.password) : null }
}
