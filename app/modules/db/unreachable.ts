// Whether an error means the database cannot be reached right now (down, restarting, the
// connection cut), as opposed to a mistake in a query. Such errors are answered "temporarily
// unavailable, try again" (503), never with their own words, which name the server's address.

/**
 * Socket errors; Prisma's not reachable, socket timeout, connection closed; PostgreSQL's
 * connection failures (not 08P01, a protocol violation: a bug of ours) and shutdown, crash or
 * start-up in progress.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE',
  'P1001', 'P1008', 'P1017',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03',
])
/** pg and Prisma say some of it in words only (no code). */
const UNREACHABLE_WORDS =
  /Can't reach database server|Server has closed the connection|Connection terminated|has encountered a connection error and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect/i

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true
  if (typeof message === 'string' && UNREACHABLE_WORDS.test(message)) return true
  // Prisma wraps the driver's error as `cause`; a refused connection to a host with two
  // addresses is an AggregateError of both.
  if (isDatabaseUnreachable(cause, depth + 1)) return true
  return Array.isArray(errors) && errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))
}
