// A request that failed because the database could not be reached is answered 503 "temporarily
// unavailable, try again", to a person and to an API client alike, instead of a 500 that says
// nothing (or, in development, the database's own words with its address). handleError, the one
// place that sees the real error, marks the request; the root middleware then replaces the answer.
import { type MiddlewareFunction, RouterContextProvider, createContext } from 'react-router'
import { apiError } from '~/modules/api/api-auth.server'
import { isDatabaseUnreachable } from '~/modules/db/unreachable'
import { plainHtml } from './plain-page'

const databaseUnreachableContext = createContext<boolean>(false)

export const UNAVAILABLE_TITLE = 'Temporarily unavailable'
export const UNAVAILABLE_MESSAGE = 'Candor cannot reach its database just now. Please try again in a minute.'
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
  if (new URL(request.url).pathname.startsWith('/api/')) return apiError(503, 'unavailable', UNAVAILABLE_MESSAGE, headers)
  return new Response(plainHtml(UNAVAILABLE_TITLE, UNAVAILABLE_MESSAGE), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  })
}
