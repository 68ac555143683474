import { expect, it } from 'vitest'
import { MAX_ANSWER_BYTES } from './answer'
import { MAX_UPLOAD_BYTES, systemCallbackLimit } from './callback-body-limit'

it.each([
  ['POST', '/api/v1/data-system-tasks/0b7d9c52-4a1e-4b8f-9a51-1f0e9a2c3d4e/result', MAX_ANSWER_BYTES],
  ['PUT', '/api/v1/data-system-tasks/0b7d9c52-4a1e-4b8f-9a51-1f0e9a2c3d4e/collections/orders', MAX_UPLOAD_BYTES],
  ['put', '/api/v1/data-system-tasks/x/collections/orders', MAX_UPLOAD_BYTES],
  ['GET', '/api/v1/data-system-tasks/x/result', null],
  ['POST', '/api/v1/data-system-tasks/x/collections/orders', null],
  ['PUT', '/api/v1/data-system-tasks/x/collections/orders/more', null],
  ['POST', '/api/v1/requests', null],
])('%s %s → %s', (method, path, limit) => {
  expect(systemCallbackLimit(method, path)).toBe(limit)
})
