// The HTTP server: security headers and CSP nonce on every response, the same-origin check on
// every mutating request, body size limits on every request with a body, static assets (their
// build-time brotli and gzip copies), compression on the fly where the BREACH rule allows it,
// then React Router.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createRequestHandler } from '@react-router/express'
import express from 'express'
import { RouterContextProvider, type ServerBuild } from 'react-router'
import { appOrigin, env } from '~/modules/config/env.server'
import { compressionPolicy } from '~/modules/http/compression-policy'
import { plainHtml } from '~/modules/http/plain-page'
import { requestInfoContext } from '~/modules/http/request-info'
import { errorFields, log } from '~/modules/observability/log.server'
import { securityHeaders } from '~/modules/security/headers.server'
import { stripeRedirectOrigins } from '~/modules/billing/stripe.server'
import { checkSameOrigin } from '~/modules/security/same-origin.server'
import { REQUESTER_ATTACHMENT_TOO_LARGE, requesterAttachmentLimit } from '~/modules/dsar/requester-attachment-limit'
import { DOCUMENT_TOO_LARGE, documentUploadLimit } from '~/modules/trust/document-upload-limit'
import { LOGO_TOO_LARGE, logoUploadLimit } from '~/modules/branding/logo-upload-limit'
import { TASK_FILES_TOO_LARGE, taskUploadLimit } from '~/modules/dsar/task-upload-limit'
import { CALLBACK_TOO_LARGE, systemCallbackLimit } from '~/modules/connectors/webhook/callback-body-limit'
import { compressResponses } from './compress-responses'
import { malformedRequestProblem } from './request-target'
import { staticFiles } from './static-files'
import { serveCachedTrustPage } from './trust-page-cache-route'

type Options = {
  /** The server build, or a function that loads it per request (development). */
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Development only: Vite's middleware serves the client modules. */
  viteMiddleware?: express.RequestHandler
  clientDir?: string
}

/**
 * The function Node's HTTP server calls for each request: a malformed one (Host header, NUL or
 * control characters in the address) is refused at once (server/request-target.ts); a cached
 * public trust page is answered at once (server/trust-page-cache-route.ts); everything else goes
 * to the Express app.
 */
export function createRequestListener(options: Options) {
  const app = createHttpApp(options)
  const production = env().NODE_ENV === 'production'
  const plainHeaders = securityHeaders({ nonce: 'none', production })
  const fromTrustCache = serveCachedTrustPage(plainHeaders)
  return (req: IncomingMessage, res: ServerResponse) => {
    const problem = malformedRequestProblem(req)
    if (problem) {
      res.writeHead(400, { ...plainHeaders, 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' })
      res.end(plainHtml('Bad request', problem))
      return
    }
    // A failed look-up (the database is down) leaves the answer to the route, which reports it.
    fromTrustCache(req, res).then(
      (answered) => answered || app(req, res),
      () => app(req, res),
    )
  }
}

export function createHttpApp({ build, viteMiddleware, clientDir = 'build/client' }: Options) {
  const config = env()
  const production = config.NODE_ENV === 'production'
  const compression = compressionPolicy(config)
  const sentryOrigin = config.SENTRY_DSN ? new URL(config.SENTRY_DSN).origin : undefined
  const formTargets = stripeRedirectOrigins()
  const app = express()
  app.disable('x-powered-by')

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.nonce = nonce
    res.set(
      securityHeaders({
        nonce,
        production,
        connectSources: sentryOrigin ? [sentryOrigin] : [],
        formTargets,
        devServer: Boolean(viteMiddleware),
      }),
    )
    next()
  })

  app.use((req, res, next) => {
    const verdict = checkSameOrigin({
      method: req.method,
      path: req.path,
      origin: req.get('origin'),
      referer: req.get('referer'),
      expectedOrigin: appOrigin(),
    })
    if (!verdict.ok) return refuse(res, 403, 'Request refused', verdict.reason)
    // Any request with a body, whatever its method. Node refuses a request that has both
    // headers, so a chunked body here is one without a declared length.
    // A webhook system's callbacks are read by handlers that hold them to their limits as they
    // stream, so they may come chunked.
    const callbackLimit = systemCallbackLimit(req.method, req.path)
    if (req.get('transfer-encoding') && !callbackLimit) {
      return refuse(res, 411, 'Length required', 'Send the request with a Content-Length header.')
    }
    // A trust-page document upload, a manual task's files or a requester's answer with a file
    // may be larger (their parsers hold the files to their own limits).
    const documentLimit = documentUploadLimit(req.method, req.path, req.get('content-type'))
    const taskLimit = taskUploadLimit(req.method, req.path, req.get('content-type'))
    const attachmentLimit = requesterAttachmentLimit(req.method, req.path, req.get('content-type'))
    const logoLimit = logoUploadLimit(req.method, req.path, req.get('content-type'))
    if (Number(req.get('content-length') ?? 0) > (documentLimit ?? taskLimit ?? attachmentLimit ?? logoLimit ?? callbackLimit ?? config.BODY_LIMIT_BYTES)) {
      return refuse(
        res,
        413,
        'Too large',
        documentLimit
          ? DOCUMENT_TOO_LARGE
          : taskLimit
            ? TASK_FILES_TOO_LARGE
            : attachmentLimit
              ? REQUESTER_ATTACHMENT_TOO_LARGE
              : logoLimit
                ? LOGO_TOO_LARGE
                : callbackLimit
                ? CALLBACK_TOO_LARGE
                : `The request is larger than ${Math.round(config.BODY_LIMIT_BYTES / 1024)} KB, so it was refused.`,
      )
    }
    next()
  })

  if (viteMiddleware) {
    app.use(viteMiddleware)
  } else {
    app.use('/assets', staticFiles(`${clientDir}/assets`, { immutable: true, maxAge: '1y', precompressed: compression.stored }))
    app.use(staticFiles(clientDir, { maxAge: '1h', precompressed: compression.stored }))
  }

  // Also with nothing to compress here (COMPRESSION=off, or auto on Fly.io): it marks the
  // responses the BREACH rule keeps uncompressed so that a proxy in front leaves them alone.
  app.use(compressResponses({ onTheFly: compression.onTheFly }))

  const routerHandler = (resolved: ServerBuild | (() => Promise<ServerBuild>)) =>
    createRequestHandler({
      build: resolved,
      // Error details (a Prisma message, a route id) never reach a response: only the Vite
      // development server, where the developer is the only visitor, shows them.
      mode: viteMiddleware ? 'development' : 'production',
      getLoadContext: (req, res) => {
        const context = new RouterContextProvider()
        context.set(requestInfoContext, { nonce: res.locals.nonce, clientIp: clientIp(req) })
        return context
      },
    })
  app.all('/{*path}', viteMiddleware || typeof build !== 'function' ? routerHandler(build) : builtOnce(build, routerHandler))

  app.use(handleHttpError)

  return app
}

/**
 * The React Router handler of a built server, made once from the build its loader returns.
 * Given a function, React Router derives its route tables again on every request (in case the
 * build changed: hot reload in development); a built server never changes, and that work was
 * about a tenth of the CPU time of a portal submission (issue 13).
 */
function builtOnce(
  load: () => Promise<ServerBuild>,
  handlerOf: (build: ServerBuild) => express.RequestHandler,
): express.RequestHandler {
  let handler: Promise<express.RequestHandler> | undefined
  return (req, res, next) => {
    handler ??= load().then(handlerOf)
    handler.then((ready) => ready(req, res, next), next)
  }
}

/** The last error handler: the client's mistakes are 4xx pages; anything else is logged and a 500. */
export const handleHttpError: express.ErrorRequestHandler = (error, _req, res, _next) => {
  // Express marks the client's mistakes (a malformed URL, say) with a 4xx status.
  const status = Number(error?.status ?? error?.statusCode)
  const clientMistake = status >= 400 && status < 500
  if (!clientMistake) log('error', 'unhandled HTTP error', { ...errorFields(error) })
  if (res.headersSent) {
    // Too late for an error page. End the response as Express's final handler would, without
    // handing it the error (it would print it to stderr unscrubbed).
    res.destroy()
    return
  }
  if (clientMistake) return plainPage(res, status, 'Bad request', 'The address or the request is malformed.')
  plainPage(res, 500, 'Something went wrong', 'We are sorry: an unexpected error stopped this request.')
}

/** The client's address: from the proxy's header when one is configured, else the socket. */
function clientIp(req: express.Request): string {
  const header = env().CLIENT_IP_HEADER
  const forwarded = header ? req.get(header)?.split(',')[0]?.trim() : undefined
  return forwarded || req.socket.remoteAddress || 'unknown'
}

/**
 * A refusal sent before the body was read. The connection is closed: whatever body follows on
 * it must never be read as the next request.
 */
function refuse(res: express.Response, status: number, title: string, message: string) {
  res.set('Connection', 'close')
  plainPage(res, status, title, message)
}

function plainPage(res: express.Response, status: number, title: string, message: string) {
  res.status(status).type('html').send(plainHtml(title, message))
}
