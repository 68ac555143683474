// Reading an HTML form post. A body that is not a form is the sender's mistake: it gets a
// 415 or 400 in plain words, never a 500. Every action that reads a form uses readForm (the
// document upload form, parsed as a stream, applies the same field rule: refuseUnsafeField).

import { UNTYPABLE_CHARACTER } from '~/modules/formats/control-characters'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** The submitted form; throws a 415 Response for another content type, 400 for an unreadable body. */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) {
    throw refusal(415, 'Unsupported Media Type', 'This address accepts only HTML form submissions.')
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw refusal(400, 'Bad Request', 'The form submission could not be read. Reload the page and try again.')
  }
  for (const [name, value] of form) refuseUnsafeField(name, typeof value === 'string' ? value : value.name)
  return form
}

/**
 * Control characters other than tab and line breaks are never typed into a form, and PostgreSQL
 * cannot store a NUL byte: a field (or a file name) holding one is refused with a 400, before
 * any schema or query sees it.
 */
/** Throws a 400 Response when a field's name or value holds a character no form can send. */
export function refuseUnsafeField(name: string, value: string): void {
  if (UNTYPABLE_CHARACTER.test(name) || UNTYPABLE_CHARACTER.test(value)) {
    throw refusal(
      400,
      'Bad Request',
      'The form holds an invisible control character (such as a NUL byte), which cannot be saved. Remove it and send the form again.',
    )
  }
}

function refusal(status: number, statusText: string, message: string): Response {
  return new Response(message, {
    status,
    statusText,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
