import { describe, expect, it } from 'vitest'
import { readForm } from './form.server'

const post = (body: BodyInit, contentType?: string) =>
  new Request('http://candor.test/dev/mailbox', {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  })

async function refusalOf(request: Request) {
  const thrown = await readForm(request).then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(thrown instanceof Response)) throw new Error(`expected a Response to be thrown, got ${String(thrown)}`)
  return { status: thrown.status, message: await thrown.text() }
}

describe('readForm', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'to=ann%40example.com&subject=Hi'],
    ['application/x-www-form-urlencoded; charset=UTF-8', 'to=ann%40example.com&subject=Hi'],
    ['Application/X-WWW-Form-Urlencoded', 'to=ann%40example.com&subject=Hi'],
  ])('reads a form sent as %s', async (type, body) => {
    const form = await readForm(post(body, type))
    expect(Object.fromEntries(form)).toEqual({ to: 'ann@example.com', subject: 'Hi' })
  })

  it('reads a multipart form', async () => {
    const data = new FormData()
    data.set('to', 'ann@example.com')
    const form = await readForm(new Request('http://candor.test/x', { method: 'POST', body: data }))
    expect(form.get('to')).toBe('ann@example.com')
  })

  it.each([
    ['application/json', '{"to":"ann@example.com"}'],
    ['text/plain', 'to=ann@example.com'],
    ['application/xml', '<to>ann@example.com</to>'],
    [undefined, 'to=ann%40example.com'],
  ])('refuses a body sent as %s with 415 and a sentence', async (type, body) => {
    expect(await refusalOf(post(body, type))).toEqual({
      status: 415,
      message: 'This address accepts only HTML form submissions.',
    })
  })

  it('refuses a multipart body that cannot be parsed with 400', async () => {
    expect(await refusalOf(post('not multipart at all', 'multipart/form-data; boundary=xyz'))).toEqual({
      status: 400,
      message: 'The form submission could not be read. Reload the page and try again.',
    })
  })

  it.each([
    ['a NUL byte in a value', 'legalName=Alpha%00Ltd'],
    ['a raw NUL byte', 'legalName=Alpha\u0000Ltd'],
    ['a control character', 'name=Ann%07'],
    ['a NUL byte in a field name', 'na%00me=Ann'],
  ])('refuses %s with 400 and a sentence', async (_case, body) => {
    expect(await refusalOf(post(body, 'application/x-www-form-urlencoded'))).toEqual({
      status: 400,
      message: expect.stringMatching(/^The form holds an invisible control character/),
    })
  })

  it('refuses a NUL byte in an uploaded file name', async () => {
    const data = new FormData()
    data.set('file', new File(['%PDF-1.4'], 'report\u0000.pdf', { type: 'application/pdf' }))
    expect(await refusalOf(new Request('http://candor.test/x', { method: 'POST', body: data }))).toMatchObject({ status: 400 })
  })

  it('keeps tabs and line breaks, which multi-line fields hold', async () => {
    const form = await readForm(post('message=Line%201%0D%0A%09Line%202', 'application/x-www-form-urlencoded'))
    expect(form.get('message')).toBe('Line 1\r\n\tLine 2')
  })
})
