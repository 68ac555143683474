// React Router's handleError: unexpected errors in loaders, actions and rendering are logged
// (scrubbed) and reported; aborted requests (the client went away) are not errors.
import type { HandleErrorFunction } from 'react-router'
import { errorFields, log } from './log.server'
import { reportError } from './sentry.server'

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  log('error', 'request failed', {
    method: request.method,
    path: new URL(request.url).pathname,
    ...errorFields(error),
  })
  reportError(error)
}
