// Which content coding to send, from the request's Accept-Encoding. negotiator (jshttp, the
// parser behind Express's own req.acceptsEncodings) reads q-values, `*` and q=0; we add the
// order of preference when the client weighs codings the same: brotli, then gzip.
import Negotiator from 'negotiator'

export type StoredEncoding = 'br' | 'gzip'
export type Encoding = StoredEncoding | 'identity'

const PREFERENCE: readonly StoredEncoding[] = ['br', 'gzip']

/**
 * The coding to send among those `available` (identity is always available). No header means
 * identity, as does a header that refuses every coding: a 406 helps nobody.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly StoredEncoding[]): Encoding {
  if (!acceptEncoding || available.length === 0) return 'identity'
  const offered = PREFERENCE.filter((encoding) => available.includes(encoding))
  const chosen = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encoding([...offered, 'identity'], {
    preferred: offered,
  })
  return (chosen as Encoding | undefined) ?? 'identity'
}
