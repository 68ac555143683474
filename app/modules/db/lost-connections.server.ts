// A database connection can be closed by the server at any moment (a restart, a failover, an
// administrator). pg reports it as an 'error' event: on the pool for an idle connection, and on
// the connection itself when it is checked out with no statement running (a transaction between
// two statements, a held advisory lock). An 'error' event nobody listens to ends the Node
// process. Listened to here, it is logged; the statement or transaction that used the connection
// fails on its own, and the pool opens a new connection for the next one.
import type pg from 'pg'
import { errorFields, log } from '~/modules/observability/log.server'

export function logLostConnections(pool: pg.Pool, name: string): pg.Pool {
  const lost = (error: Error) => log('warn', `${name} connection lost`, errorFields(error))
  pool.on('error', lost)
  pool.on('connect', (connection) => connection.on('error', lost))
  return pool
}
