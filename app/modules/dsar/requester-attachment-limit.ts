// The requester's answer on their status page may carry one file (identity information), so its
// multipart post may be larger than BODY_LIMIT_BYTES: up to the file's limit plus room for the
// form's other fields. Pure: server/http.ts asks it before reading any body.
import { formatBytes } from '~/modules/trust/document-types'

/** The largest file a requester may attach to an answer. */
export const MAX_REQUESTER_ATTACHMENT_BYTES = 10 * 1024 * 1024

const ANSWER_PATH = /^\/p\/[^/]+\/requests\/R-[A-Z0-9]{8}(?:\.data)?$/i

/** The body limit for a requester's answer with a file, else null (the usual limit). */
export function requesterAttachmentLimit(method: string, path: string, contentType: string | undefined): number | null {
  const multipart = (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
  return method.toUpperCase() === 'POST' && multipart && ANSWER_PATH.test(path) ? MAX_REQUESTER_ATTACHMENT_BYTES + 1024 * 1024 : null
}

export const REQUESTER_ATTACHMENT_TOO_LARGE = `A file you attach may be at most ${formatBytes(MAX_REQUESTER_ATTACHMENT_BYTES)}: choose a smaller one (a photo at a lower resolution, or a PDF).`
