// The body limits of a webhook system's answers on Candor's callback addresses, which may be
// larger than BODY_LIMIT_BYTES: a later result (as large as an answer at once) and a
// collection's NDJSON upload. Pure: server/http.ts asks it before reading any body; the
// handlers (callback.server.ts) hold the bodies to the same limits as they stream, so these
// may also arrive chunked, without a declared length.
import { MAX_ANSWER_BYTES } from './answer'

export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024

const RESULT_PATH = /^\/api\/v1\/data-system-tasks\/[^/]+\/result$/i
const UPLOAD_PATH = /^\/api\/v1\/data-system-tasks\/[^/]+\/collections\/[^/]+$/i

/** The body limit for this request if it is a callback of a webhook system, else null (the usual limit). */
export function systemCallbackLimit(method: string, path: string): number | null {
  const verb = method.toUpperCase()
  if (verb === 'POST' && RESULT_PATH.test(path)) return MAX_ANSWER_BYTES
  if (verb === 'PUT' && UPLOAD_PATH.test(path)) return MAX_UPLOAD_BYTES
  return null
}

export const CALLBACK_TOO_LARGE = `A result is at most ${MAX_ANSWER_BYTES / 1024 / 1024} MB and an upload at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: upload large collections as NDJSON, one per call.`
