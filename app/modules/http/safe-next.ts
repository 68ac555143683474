// Where to send a person back to, from an untrusted `next` parameter: a path on this site only,
// judged the way the browser will read it (WHATWG URL parsing), so no spelling leads elsewhere.

/** A stand-in origin: the only question asked of it is "still this site, or not?". */
const HERE = 'https://candor.invalid'

/**
 * `value` as a path on this site (path, query and fragment in the normal form the browser
 * would read), or `fallback` unless it is a path from the root (`/…`) that stays here: tabs and
 * line breaks the browser drops (`/\t/evil`), backslashes it reads as slashes (`/\evil`),
 * protocol-relative `//evil`, and a path whose normal form would itself read as `//host`
 * (`/.//evil`) all lead elsewhere. Schemes (`https:`, `javascript:`) and relative paths never
 * start with a slash.
 */
export function safeNext(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(value, HERE)
  } catch {
    return fallback
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  // What we hand out must read back as the same address on this site.
  if (url.origin !== HERE || new URL(path, HERE).href !== url.href) return fallback
  return path
}
