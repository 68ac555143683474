// A logo upload to /w/<slug>/branding (or its .data form) may be larger than BODY_LIMIT_BYTES,
// so that a logo somewhat over its own limit still reaches the form and is answered there, in
// words, with the page around it. Beyond this the HTTP server refuses the body unread.
// Pure: server/http.ts asks it before reading any body.
import { formatBytes } from '~/modules/trust/document-types'
import { MAX_LOGO_BYTES } from './logo-limits'

export const LOGO_UPLOAD_BODY_BYTES = 8 * 1024 * 1024

const UPLOAD_PATH = /^\/w\/[^/]+\/branding(?:\.data)?$/i

/** The body limit for this request if it is a logo upload, else null (the usual limit). */
export function logoUploadLimit(method: string, path: string, contentType: string | undefined): number | null {
  const multipart = (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
  return method.toUpperCase() === 'POST' && multipart && UPLOAD_PATH.test(path) ? LOGO_UPLOAD_BODY_BYTES : null
}

export const LOGO_TOO_LARGE = `The logo may be at most ${formatBytes(MAX_LOGO_BYTES)}: export it smaller (a logo needs at most 512 pixels across) and upload it again.`
