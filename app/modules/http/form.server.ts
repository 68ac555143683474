// Reading an HTML form post. A body that is not a form is the sender's mistake: it gets a
// 415 or 400 in plain words, never a 500. Every action that reads a form uses readForm.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** The submitted form; throws a 415 Response for another content type, 400 for an unreadable body. */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) {
    throw refusal(415, 'Unsupported Media Type', 'This address accepts only HTML form submissions.')
  }
  try {
    return await request.formData()
  } catch {
    throw refusal(400, 'Bad Request', 'The form submission could not be read. Reload the page and try again.')
  }
}

function refusal(status: number, statusText: string, message: string): Response {
  return new Response(message, {
    status,
    statusText,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
