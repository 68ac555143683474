// The one place a request body may be larger than BODY_LIMIT_BYTES: a document upload to
// /w/<slug>/documents or /w/<slug>/documents/<id> (or their .data form, as React Router's fetch
// sends it), multipart only.
// The file itself is held to MAX_DOCUMENT_BYTES by the form parser; this leaves room for the
// form's other fields. Pure: server/http.ts asks it before reading any body.
import { MAX_DOCUMENT_BYTES, formatBytes } from './document-types'

export const DOCUMENT_UPLOAD_BODY_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024

const UPLOAD_PATH = /^\/w\/[^/]+\/documents(?:\/[0-9a-f-]{36})?(?:\.data)?$/i

/** The body limit for this request if it is a document upload, else null (the usual limit). */
export function documentUploadLimit(method: string, path: string, contentType: string | undefined): number | null {
  const multipart = (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
  return method.toUpperCase() === 'POST' && multipart && UPLOAD_PATH.test(path) ? DOCUMENT_UPLOAD_BODY_BYTES : null
}

export const DOCUMENT_TOO_LARGE = `Documents may be at most ${formatBytes(MAX_DOCUMENT_BYTES)}: choose a smaller file (a PDF export often is).`
