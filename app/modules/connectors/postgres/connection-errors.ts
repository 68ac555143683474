// What went wrong with a customer's database, in words for staff: shown on a task and by
// "test connection". Postgres's SQLSTATE codes and Node's network codes are mapped to
// sentences; anything else keeps the server's own message, which names no row data.
import { UnreachableSystemError } from '../private-networks.server'

const BY_SQLSTATE: Record<string, string> = {
  '28P01': 'The database refused the password for this user.',
  '28000': 'The database refused this user (check pg_hba.conf and the user name).',
  '3D000': 'There is no database of this name on the server.',
  '42501': 'The database user lacks a permission Candor needs: run the GRANT script shown with the connection settings.',
  '42P01': 'A table in the dataset map no longer exists in the database: review the map.',
  '42703': 'A column in the dataset map no longer exists in the database: review the map.',
  '42804': 'A column’s type changed since the map was saved: review the map.',
  '22P02': 'A value did not fit a column’s type (did a column’s type change since the map was saved?): review the map.',
  '57014': 'A statement took longer than the statement timeout and was cancelled; nothing was changed.',
  '53300': 'The database has no free connections.',
  '57P03': 'The database is starting up or shutting down.',
  '40001': 'The database cancelled the work to keep transactions apart (serialisation failure); it will be retried.',
  '40P01': 'The work ran into a deadlock with another transaction and was cancelled; it will be retried.',
}

const BY_NETWORK_CODE: Record<string, string> = {
  ECONNREFUSED: 'Nothing answers on this host and port.',
  ETIMEDOUT: 'The server did not answer in time.',
  EHOSTUNREACH: 'The host cannot be reached.',
  ENETUNREACH: 'The network of this host cannot be reached.',
  ENOTFOUND: 'The host name could not be found.',
  ECONNRESET: 'The server closed the connection.',
}

export function describeConnectionError(error: unknown): string {
  if (error instanceof UnreachableSystemError) return error.message
  const coded = error as { code?: string; message?: string }
  if (coded?.code && BY_SQLSTATE[coded.code]) return BY_SQLSTATE[coded.code]!
  if (coded?.code && BY_NETWORK_CODE[coded.code]) return BY_NETWORK_CODE[coded.code]!
  const message = coded?.message ?? String(error)
  if (/timeout expired|Connection terminated due to connection timeout/i.test(message)) return 'The server did not answer in time.'
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) return `The TLS connection failed: ${message}. Check the TLS mode.`
  if (/does not support SSL/i.test(message)) return 'The server does not offer TLS: choose the TLS mode “disable” only on a private network you trust.'
  return message.slice(0, 500)
}
