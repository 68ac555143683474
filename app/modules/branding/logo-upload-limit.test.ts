import { expect, it } from 'vitest'
import { LOGO_UPLOAD_BODY_BYTES, logoUploadLimit } from './logo-upload-limit'

const multipart = 'multipart/form-data; boundary=----x'

it.each([
  ['POST', '/w/acme/branding', multipart, LOGO_UPLOAD_BODY_BYTES],
  ['post', '/w/acme/branding.data', multipart, LOGO_UPLOAD_BODY_BYTES],
  ['POST', '/w/acme/branding', 'application/x-www-form-urlencoded', null],
  ['PUT', '/w/acme/branding', multipart, null],
  ['POST', '/w/acme/branding/x', multipart, null],
  ['POST', '/w/acme/settings', multipart, null],
  ['POST', '/t/acme/branding', multipart, null],
])('%s %s (%s) may send %s bytes', (method, path, type, limit) => {
  expect(logoUploadLimit(method, path, type)).toBe(limit)
})
