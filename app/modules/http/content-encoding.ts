// Which content coding to send, from the request's Accept-Encoding. negotiator (jshttp, the
// parser behind Express's own req.acceptsEncodings) reads q-values, `*` and q=0; we add the
// order of preference when the client weighs codings the same: brotli, then gzip.
import Negotiator from 'negotiator'

export type StoredEncoding = 'br' | 'gzip'
export type Encoding = StoredEncoding | 'identity'

const PREFERENCE: readonly StoredEncoding[] = ['br', 'gzip']

// Browsers send a handful of fixed headers; the cached trust page is answered thousands of times
// a second, and parsing one costs about as much as the rest of the answer.
const MAX_REMEMBERED = 64
const remembered = new Map<string, Encoding>()

/**
 * The coding to send among those `available` (identity is always available). No header means
 * identity, as does a header that refuses every coding: a 406 helps nobody.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly StoredEncoding[]): Encoding {
  if (!acceptEncoding || available.length === 0) return 'identity'
  const key = `${available.join()}:${acceptEncoding}`
  const known = remembered.get(key)
  if (known) return known
  const offered = PREFERENCE.filter((encoding) => available.includes(encoding))
  const chosen = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encoding([...offered, 'identity'], {
    preferred: offered,
  })
  if (remembered.size >= MAX_REMEMBERED) remembered.clear()
  const encoding = (chosen as Encoding | undefined) ?? 'identity'
  remembered.set(key, encoding)
  return encoding
}
