// Calling a route module's loader or action as React Router would, without an HTTP server: a real Request
// (form or JSON body, cookie or bearer header) and the context server/http.ts would provide.
import { RouterContextProvider } from 'react-router'
import { requestInfoContext } from '~/modules/http/request-info'

export type RouteAction = (args: never) => Promise<unknown>

export type RouteCall = {
  path: string
  params?: Record<string, string>
  /** Fields (sent URL-encoded), or a FormData (sent as multipart, as a file upload is). */
  form?: Record<string, string> | FormData
  json?: unknown
  headers?: Record<string, string>
  clientIp?: string
}

/** The action's answer, or what it threw (a redirect or an error Response). */
export async function callAction(action: RouteAction, call: RouteCall): Promise<unknown> {
  const multipart = call.form instanceof FormData
  const request = new Request(`http://127.0.0.1:3000${call.path}`, {
    method: 'POST',
    headers: {
      // A FormData body brings its own multipart content type (with the boundary).
      ...(multipart ? {} : { 'content-type': call.json === undefined ? 'application/x-www-form-urlencoded' : 'application/json' }),
      ...call.headers,
    },
    body:
      call.json !== undefined
        ? JSON.stringify(call.json)
        : call.form instanceof FormData
          ? call.form
          : new URLSearchParams(call.form ?? {}),
  })
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'test', clientIp: call.clientIp ?? '127.0.0.1' })
  return (action as (args: unknown) => Promise<unknown>)({ request, params: call.params ?? {}, context }).catch(
    (thrown: unknown) => thrown,
  )
}

/** The loader's answer (GET), or what it threw (a redirect or an error Response). */
export async function callLoader(loader: RouteAction, call: Omit<RouteCall, 'form' | 'json'>): Promise<unknown> {
  const request = new Request(`http://127.0.0.1:3000${call.path}`, { headers: call.headers })
  const context = new RouterContextProvider()
  context.set(requestInfoContext, { nonce: 'test', clientIp: call.clientIp ?? '127.0.0.1' })
  return (loader as (args: unknown) => Promise<unknown>)({ request, params: call.params ?? {}, context }).catch(
    (thrown: unknown) => thrown,
  )
}

/** Status, headers and body of what an action answered: a Response, or `data()`'s result. */
export async function answerOf(answer: unknown): Promise<{ status: number; headers: Headers; body: unknown }> {
  if (answer instanceof Response) {
    const text = await answer.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // a plain-text or empty body
    }
    return { status: answer.status, headers: answer.headers, body }
  }
  const shaped = answer as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } }
  if (shaped?.type === 'DataWithResponseInit') {
    return { status: shaped.init?.status ?? 200, headers: new Headers(shaped.init?.headers), body: shaped.data }
  }
  return { status: 200, headers: new Headers(), body: answer }
}
