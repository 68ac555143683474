// Facts about the current request that the HTTP server knows and routes need: the CSP nonce
// for inline scripts and the client's address (for rate limits). Set by server/http.ts.
import { type RouterContextProvider, createContext } from 'react-router'

export type RequestInfo = { nonce: string; clientIp: string }

export const requestInfoContext = createContext<RequestInfo>()

/** Where a request came from, as the audit log records it. */
export function requestOrigin(request: Request, context: Readonly<RouterContextProvider>) {
  return {
    ip: context.get(requestInfoContext).clientIp,
    userAgent: request.headers.get('user-agent') ?? undefined,
  }
}

/**
 * The page a request is for, as the address bar shows it. Client-side navigations and form
 * posts reach loaders and actions at `<page>.data` with routing parameters; this strips them.
 */
export function pagePath(request: Request): string {
  const url = new URL(request.url)
  const pathname = url.pathname === '/_root.data' ? '/' : url.pathname.replace(/\.data$/, '')
  url.searchParams.delete('_routes')
  url.searchParams.delete('index')
  const search = url.searchParams.toString()
  return search ? `${pathname}?${search}` : pathname
}
