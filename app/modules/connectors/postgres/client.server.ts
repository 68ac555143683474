// A connection to a customer's Postgres database, from the system's settings and password:
// the address checked (private-networks.server.ts), TLS as the member chose it (verify-full
// checks the certificate against the host name), a connect timeout, and a statement timeout on
// every statement. Named `candor` in pg_stat_activity, so the customer's DBA sees who it is.
import pg from 'pg'
import { reachableAddress } from '../private-networks.server'
import type { PostgresSettings } from '../settings'

const CONNECT_TIMEOUT_MS = 10_000

export async function connectPostgres(settings: PostgresSettings, password: string | null): Promise<pg.Client> {
  const address = await reachableAddress(settings.host)
  const ssl =
    settings.tls === 'disable' ? false : settings.tls === 'require' ? { rejectUnauthorized: false } : { rejectUnauthorized: true, servername: settings.host }
  const client = new pg.Client({
    host: address,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: password ?? undefined,
    ssl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: settings.statementTimeoutSeconds * 1000,
    application_name: 'candor',
  })
  // An error on an idle connection (the server restarted) must not crash the process.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => {})
    throw error
  }
  return client
}
