// React Router's handleError: unexpected errors in loaders, actions and rendering are logged
// (scrubbed) and reported; aborted requests (the client went away) and 4xx answers are not,
// and a database outage is only logged (its answer is a 503, see database-unreachable.server).
// Rendering errors after the page began streaming never reach it: entry.server reports them.
import { type HandleErrorFunction, isRouteErrorResponse } from 'react-router'
import { noteIfDatabaseUnreachable } from '~/modules/http/database-unreachable.server'
import { errorFields, log } from './log.server'
import { reportError } from './sentry.server'

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  // 4xx responses (no such page, method not allowed) are answers, not failures.
  if (isRouteErrorResponse(error) && error.status < 500) return
  // An outage, not a bug: answered 503 (root middleware), logged without a report.
  if (noteIfDatabaseUnreachable(error, context)) {
    log('warn', 'request failed: the database is unreachable', { method: request.method, path: new URL(request.url).pathname })
    return
  }
  log('error', 'request failed', {
    method: request.method,
    path: new URL(request.url).pathname,
    ...errorFields(error),
  })
  reportError(error)
}

/** An error while the page was already streaming (React's onError after the shell was sent). */
export function reportStreamingError(request: Request, error: unknown): void {
  if (request.signal.aborted) return
  log('error', 'rendering failed while streaming', {
    method: request.method,
    path: new URL(request.url).pathname,
    ...errorFields(error),
  })
  reportError(error)
}
