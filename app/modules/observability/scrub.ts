// Removes personal data and credentials from anything that leaves the process: log lines and
// Sentry events. E-mail addresses, IP addresses, cookies, authorization headers and query
// strings never reach a log or an error tracker.

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g
// Eight groups, or fewer with one "::" (a bare "::" or times like 10:30 are left alone).
const IPV6 =
  /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:|(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,5}(?::[0-9a-f]{1,4}){1,2}|(?:[0-9a-f]{1,4}:){1,4}(?::[0-9a-f]{1,4}){1,3}|(?:[0-9a-f]{1,4}:){1,3}(?::[0-9a-f]{1,4}){1,4}|(?:[0-9a-f]{1,4}:){1,2}(?::[0-9a-f]{1,4}){1,5}|[0-9a-f]{1,4}:(?::[0-9a-f]{1,4}){1,6}|:(?::[0-9a-f]{1,4}){1,7})(?![\w:])/gi
const URL_QUERY = /(\bhttps?:\/\/[^\s?#"'<>]*|(?<![\w])\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi

const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
  'fly-client-ip',
  'x-forwarded-for',
  'x-real-ip',
  'cf-connecting-ip',
])

/** Replace e-mail and IP addresses, bearer tokens and URL query strings in free text. */
export function scrubText(text: string): string {
  return text
    .replace(URL_QUERY, '$1?[query]')
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(IPV4, '[ip]')
    .replace(IPV6, '[ip]')
}

export function scrubUrl(url: string): string {
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : url.slice(0, cut)
}

type Frame = {
  vars?: unknown
  context_line?: string
  pre_context?: string[]
  post_context?: string[]
}
type SentryLikeEvent = {
  message?: string
  transaction?: string
  logentry?: { message?: string; params?: unknown[] }
  contexts?: Record<string, unknown>
  user?: Record<string, unknown>
  request?: {
    url?: string
    query_string?: unknown
    cookies?: unknown
    data?: unknown
    headers?: Record<string, string>
    env?: unknown
  }
  exception?: { values?: { value?: string; stacktrace?: { frames?: Frame[] } }[] }
  breadcrumbs?: { message?: string; data?: Record<string, unknown> }[]
  extra?: Record<string, unknown>
}

/** Sentry `beforeSend`: the event without personal data or credentials. */
export function scrubEvent<T extends SentryLikeEvent>(event: T): T {
  if (event.message) event.message = scrubText(event.message)
  if (event.transaction) event.transaction = scrubText(scrubUrl(event.transaction))
  if (event.logentry) {
    if (event.logentry.message) event.logentry.message = scrubText(event.logentry.message)
    if (event.logentry.params) event.logentry.params = event.logentry.params.map(scrubValue)
  }
  if (event.contexts) event.contexts = scrubValue(event.contexts) as Record<string, unknown>
  if (event.user) event.user = event.user.id ? { id: event.user.id } : {}
  const request = event.request
  if (request) {
    delete request.query_string
    delete request.cookies
    delete request.data
    delete request.env
    // The path too: an e-mail or IP address can sit in a path segment.
    if (request.url) request.url = scrubText(scrubUrl(request.url))
    if (request.headers) {
      for (const name of Object.keys(request.headers)) {
        if (SECRET_HEADERS.has(name.toLowerCase())) delete request.headers[name]
        else request.headers[name] = scrubText(request.headers[name] ?? '')
      }
    }
  }
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value)
    for (const frame of exception.stacktrace?.frames ?? []) {
      delete frame.vars
      // Source lines around the error can hold literals (addresses in a test, a fixture…).
      if (frame.context_line) frame.context_line = scrubText(frame.context_line)
      if (frame.pre_context) frame.pre_context = frame.pre_context.map(scrubText)
      if (frame.post_context) frame.post_context = frame.post_context.map(scrubText)
    }
  }
  for (const crumb of event.breadcrumbs ?? []) {
    if (crumb.message) crumb.message = scrubText(crumb.message)
    if (crumb.data) crumb.data = scrubValue(crumb.data) as Record<string, unknown>
  }
  if (event.extra) event.extra = scrubValue(event.extra) as Record<string, unknown>
  return event
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (Array.isArray(value)) return value.map(scrubValue)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        SECRET_HEADERS.has(key.toLowerCase()) ? [key, '[redacted]'] : [key, scrubValue(inner)],
      ),
    )
  }
  return value
}
