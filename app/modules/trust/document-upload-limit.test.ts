import { expect, it } from 'vitest'
import { DOCUMENT_UPLOAD_BODY_BYTES, documentUploadLimit } from './document-upload-limit'

const multipart = 'multipart/form-data; boundary=----x'

it.each([
  ['POST', '/w/acme/documents', multipart, DOCUMENT_UPLOAD_BODY_BYTES],
  ['post', '/w/acme/documents.data', multipart, DOCUMENT_UPLOAD_BODY_BYTES],
  ['POST', '/w/acme/documents', 'application/x-www-form-urlencoded', null],
  ['PUT', '/w/acme/documents', multipart, null],
  ['POST', '/w/acme/documents/x', multipart, null],
  ['POST', '/w/acme/requests', multipart, null],
  ['POST', '/p/acme/documents', multipart, null],
])('%s %s (%s) may send %s bytes', (method, path, type, limit) => {
  expect(documentUploadLimit(method, path, type)).toBe(limit)
})

it('covers the page of one document (its replace form) and nothing under it', () => {
  expect(documentUploadLimit('POST', '/w/acme/documents/0b7d5d5e-8f1a-4c4e-9d1c-2f3a4b5c6d7e', multipart)).toBe(DOCUMENT_UPLOAD_BODY_BYTES)
  expect(documentUploadLimit('POST', '/w/acme/documents/0b7d5d5e-8f1a-4c4e-9d1c-2f3a4b5c6d7e/x', multipart)).toBeNull()
})
