// A request that failed because the database could not be reached is answered 503 "temporarily
// unavailable, try again", to a person and to an API client alike, instead of a 500 that says
// nothing (or, in development, the database's own words with its address). handleError, the one
// place that sees the real error, marks the request; the root middleware then replaces the answer.
import { type MiddlewareFunction, RouterContextProvider, createContext } from 'react-router'
import { apiError } from '~/modules/api/api-auth.server'
import { isDatabaseUnreachable } from '~/modules/db/unreachable'
import { plainHtml } from './plain-page'
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from './unavailable'

const databaseUnreachableContext = createContext<boolean>(false)

const RETRY_AFTER_SECONDS = '30'

/** From handleError: remember that this request failed for want of the database. */
export function noteIfDatabaseUnreachable(error: unknown, context: unknown): boolean {
  if (!isDatabaseUnreachable(error)) return false
  if (context instanceof RouterContextProvider) context.set(databaseUnreachableContext, true)
  return true
}

export const answerUnreachableDatabase: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const response = await next()
  if (!context.get(databaseUnreachableContext)) return response
  const headers = { 'Retry-After': RETRY_AFTER_SECONDS, 'Cache-Control': 'no-store' }
  const { pathname } = new URL(request.url)
  if (pathname.startsWith('/api/')) return apiError(503, 'unavailable', UNAVAILABLE_MESSAGE, headers)
  // A client-side navigation (`.data`): React Router shows a plain-text error answer in the
  // error boundary as a route error with these words.
  if (pathname.endsWith('.data')) {
    return new Response(UNAVAILABLE_MESSAGE, { status: 503, statusText: 'Service Unavailable', headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return new Response(plainHtml(UNAVAILABLE_TITLE, UNAVAILABLE_MESSAGE), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  })
}
