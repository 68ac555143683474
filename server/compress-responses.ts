// Compressing responses on the fly, for what no build step or page cache compressed already
// (docs/decisions/025-compression.md). The `compression` middleware (Express's own) streams:
// each chunk goes through zlib as it is written, and React Router flushes after each one, so
// nothing is held whole. Only responses the BREACH rule allows are compressed; the others are
// marked `Cache-Control: no-transform` (RFC 9111) so that a proxy in front leaves them alone too.
import compression from 'compression'
import type express from 'express'
import { mayCompressOnTheFly } from '~/modules/security/breach-rule'

/** Below this, a compressed body saves less than the headers it adds. */
const THRESHOLD_BYTES = 1024

export function compressResponses({ onTheFly }: { onTheFly: boolean }): express.RequestHandler {
  return compression({
    threshold: THRESHOLD_BYTES,
    filter: (req, res) => {
      // Encoded already (a precompressed trust page) or a format that is compressed already
      // (ZIP, PDF, images): nothing to decide.
      if (res.getHeader('Content-Encoding') || !compression.filter(req, res)) return false
      const allowed = mayCompressOnTheFly(
        { cookie: req.headers.cookie, authorization: req.headers.authorization },
        { setCookie: res.getHeader('Set-Cookie'), cacheControl: res.getHeader('Cache-Control') },
      )
      if (!allowed) markNoTransform(res)
      return allowed && onTheFly
    },
  })
}

function markNoTransform(res: express.Response) {
  const current = res.getHeader('Cache-Control')
  res.setHeader('Cache-Control', current ? `${current}, no-transform` : 'no-transform')
}
