// Reading an HTML form post. A body that is not a form is the sender's mistake: it gets a
// 415 or 400 in plain words, never a 500.
import { data } from 'react-router'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) {
    throw data('This address accepts only HTML form submissions.', { status: 415 })
  }
  try {
    return await request.formData()
  } catch {
    throw data('The form submission could not be read. Reload the page and try again.', { status: 400 })
  }
}
