import { describe, expect, it } from 'vitest'
import { openApiDocument } from '~/modules/api/openapi.server'
import { parseAnswer } from './answer'
import { MAX_SENDS, delayAfterSend } from './resend-schedule'

describe('a webhook data system’s answer', () => {
  it('takes collections with rows or uploaded, and counts with what is kept', () => {
    const access = parseAnswer('access', JSON.stringify({ collections: [{ name: 'orders', fields: ['id'], rows: [{ id: 1 }] }, { name: 'views', fields: ['at'], uploaded: true }] }))
    expect(access).toEqual({ ok: true, value: { collections: [{ name: 'orders', description: '', fields: ['id'], rows: [{ id: 1 }] }, { name: 'views', description: '', fields: ['at'], uploaded: true }] } })
    expect(parseAnswer('erasure', JSON.stringify({ counts: [{ what: 'orders', count: 2 }], kept: [{ what: 'invoices', count: 1, why: 'Tax law' }] })).ok).toBe(true)
  })

  it('says what is wrong, and where', () => {
    expect(parseAnswer('access', '[')).toEqual({ ok: false, message: 'The body is not valid JSON.' })
    expect(parseAnswer('access', JSON.stringify({ collections: [{ name: '../etc', fields: ['a'], rows: [] }] }))).toEqual({
      ok: false,
      message: 'The access answer is not in the expected form (collections.0.name: A collection name is 1 to 64 lower-case letters, digits, “_” or “-”, starting with a letter or digit.).',
    })
    const twice = { name: 'a', fields: ['x'], rows: [] }
    expect(parseAnswer('access', JSON.stringify({ collections: [twice, twice] })).ok).toBe(false)
    expect(parseAnswer('erasure', JSON.stringify({ counts: [{ what: 'orders', count: 1e20 }] })).ok).toBe(false)
    expect(parseAnswer('erasure', JSON.stringify({ counts: [{ what: 'a\u0000', count: 1 }] }))).toMatchObject({ ok: false, message: expect.stringContaining('control character') })
  })

  it('is described in the OpenAPI document, with the task token as its credential', () => {
    const { paths } = openApiDocument() as { paths: Record<string, Record<string, { security?: unknown }>> }
    expect(paths['/data-system-tasks/{taskId}/result']!.post!.security).toEqual([{ taskToken: [] }])
    expect(paths['/data-system-tasks/{taskId}/collections/{name}']!.put!.security).toEqual([{ taskToken: [] }])
  })
})

describe('the resend schedule', () => {
  it('sends six times over about 41 hours, then stops', () => {
    const delays = Array.from({ length: MAX_SENDS }, (_, i) => delayAfterSend(i + 1))
    expect(delays).toEqual([900, 3600, 14_400, 43_200, 86_400, null])
  })
})
