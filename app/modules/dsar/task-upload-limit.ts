// A request page's form may carry files for a manual data system's task: a multipart post to
// /w/<slug>/requests/<reference> (or its .data form) may be larger than BODY_LIMIT_BYTES. The files
// are held to MAX_TASK_FILES_BYTES by the form reader; this leaves room for the other fields.
// Pure: server/http.ts asks it before reading any body.
import { formatBytes } from '~/modules/trust/document-types'
import { MAX_TASK_FILES, MAX_TASK_FILES_BYTES } from './task-file-types'

export const TASK_UPLOAD_BODY_BYTES = MAX_TASK_FILES_BYTES + 1024 * 1024

const UPLOAD_PATH = /^\/w\/[^/]+\/requests\/[^/.]+(?:\.data)?$/i

/** The body limit for this request if it may carry a task's files, else null (the usual limit). */
export function taskUploadLimit(method: string, path: string, contentType: string | undefined): number | null {
  const multipart = (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
  return method.toUpperCase() === 'POST' && multipart && UPLOAD_PATH.test(path) ? TASK_UPLOAD_BODY_BYTES : null
}

export const TASK_FILES_TOO_LARGE = `A task takes at most ${MAX_TASK_FILES} files of ${formatBytes(MAX_TASK_FILES_BYTES)} together: attach fewer or smaller files.`

/** How the request page's form reader keeps a manual task's files (readFormWithFiles). */
export const TASK_FILES_FORM = { field: 'files', maxFiles: MAX_TASK_FILES, maxTotalBytes: MAX_TASK_FILES_BYTES, tooMuch: TASK_FILES_TOO_LARGE }
