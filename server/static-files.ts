// The client build's files (build/client), each in the coding the client prefers among the
// brotli and gzip copies made at build time (server/precompress-assets.ts), else as itself.
// express.static (send) does the rest on whichever file is sent: Range, conditional GET,
// Content-Length, Last-Modified. Nothing is compressed here per request.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import express from 'express'
import { type StoredEncoding, chooseEncoding } from '~/modules/http/content-encoding'

type Options = {
  maxAge: string
  immutable?: boolean
  /** false (COMPRESSION=off): every file is sent as itself, copies or not. */
  precompressed: boolean
}

const SUFFIX: Record<StoredEncoding, string> = { br: '.br', gzip: '.gz' }
const CODINGS: readonly StoredEncoding[] = ['br', 'gzip']

/** URL paths (relative to `root`) of the files that have both copies beside them. */
function precompressedPaths(root: string): Set<string> {
  let names: string[]
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' })
  } catch {
    return new Set()
  }
  const present = new Set(names.map((name) => name.split(path.sep).join('/')))
  return new Set([...present].filter((name) => CODINGS.every((coding) => present.has(name + SUFFIX[coding]))).map((name) => `/${name}`))
}

/** express.static over `root`, sending a precompressed copy when the client accepts one. */
export function staticFiles(root: string, { precompressed, ...options }: Options): express.RequestHandler {
  // The build does not change under a running server: its list is read once.
  const withCopies = precompressed ? precompressedPaths(root) : new Set<string>()
  const serve = express.static(root, {
    ...options,
    index: false,
    setHeaders(res, _file, stat) {
      const coding = res.locals.precompressedCoding as StoredEncoding | undefined
      if (!coding) return
      // send would type the copy by its own suffix and tag it by size and time only: the
      // representation is the original file's type, in this coding, with a tag of its own.
      res.setHeader('Content-Encoding', coding)
      res.type(path.extname(res.locals.precompressedOf as string))
      res.setHeader('ETag', `W/"${stat.size.toString(16)}-${stat.mtime.getTime().toString(16)}-${coding}"`)
    },
  })
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !withCopies.has(req.path)) return serve(req, res, next)
    res.vary('Accept-Encoding')
    const coding = chooseEncoding(req.get('accept-encoding'), CODINGS)
    if (coding === 'identity') return serve(req, res, next)
    const url = req.url
    res.locals.precompressedCoding = coding
    res.locals.precompressedOf = req.path
    req.url = req.path + SUFFIX[coding]
    serve(req, res, (error?: unknown) => {
      req.url = url
      delete res.locals.precompressedCoding
      next(error)
    })
  }
}
