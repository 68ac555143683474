// Requests no route could answer sensibly are refused before any route sees them: a Host header
// that names no host (or a port above 65535), and an address whose path or query decodes to a
// NUL byte or another control character, or whose path is not valid percent-encoded UTF-8.
// PostgreSQL cannot store a NUL byte in text, so letting one through would end as a 500 in
// whatever query used the value.
import { CONTROL_CHARACTER } from '~/modules/formats/control-characters'

/** A name, an IPv4 address or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i

/** No Host header (HTTP/1.0) or one that names a host, with a port from 0 to 65535. */
export function isHostName(host: string | undefined): boolean {
  if (host === undefined) return true
  const match = HOST_HEADER.exec(host)
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65535)
}

/** Why the request target (`req.url`: path and query) cannot be served, or null when it can. */
export function requestTargetProblem(target: string): string | null {
  // Most addresses have nothing to decode (this runs before every answer, cached trust pages
  // included): without a %-escape, only a raw control character could be wrong.
  if (!target.includes('%')) return CONTROL_CHARACTER.test(target) ? 'The address is not valid: it contains a control character.' : null
  const queryAt = target.indexOf('?')
  const path = queryAt === -1 ? target : target.slice(0, queryAt)
  for (const segment of path.split('/')) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return 'The address is not valid: it has a malformed %-escape or bytes that are not UTF-8.'
    }
    if (CONTROL_CHARACTER.test(decoded)) return 'The address is not valid: it contains a control character.'
  }
  if (queryAt !== -1) {
    for (const [name, value] of new URLSearchParams(target.slice(queryAt + 1))) {
      if (CONTROL_CHARACTER.test(name) || CONTROL_CHARACTER.test(value)) {
        return 'The address is not valid: its query contains a control character.'
      }
    }
  }
  return null
}

/** Why the request cannot be served (its Host header or its target), or null. */
export function malformedRequestProblem(req: { url?: string; headers: { host?: string } }): string | null {
  if (!isHostName(req.headers.host)) return 'The Host header of this request is not a host name with a valid port.'
  return requestTargetProblem(req.url ?? '/')
}
