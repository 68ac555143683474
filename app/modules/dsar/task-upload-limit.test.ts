import { expect, it } from 'vitest'
import { TASK_UPLOAD_BODY_BYTES, taskUploadLimit } from './task-upload-limit'

const multipart = 'multipart/form-data; boundary=x'

it.each([
  ['POST', '/w/acme/requests/R-ABCDEFGH', multipart, TASK_UPLOAD_BODY_BYTES],
  ['POST', '/w/acme/requests/R-ABCDEFGH.data', multipart, TASK_UPLOAD_BODY_BYTES],
  ['POST', '/w/acme/requests/R-ABCDEFGH', 'application/x-www-form-urlencoded', null],
  ['GET', '/w/acme/requests/R-ABCDEFGH', multipart, null],
  ['POST', '/w/acme/requests', multipart, null],
  ['POST', '/w/acme/requests/R-ABCDEFGH/other', multipart, null],
  ['POST', '/w/acme/documents', multipart, null],
])('%s %s (%s) may carry %s bytes', (method, path, type, limit) => {
  expect(taskUploadLimit(method, path, type)).toBe(limit)
})
