// Reading an HTML form post. A body that is not a form is the sender's mistake: it gets a
// 415 or 400 in plain words, never a 500. Every action that reads a form uses readForm (the
// document upload form, parsed as a stream, applies the same field rule: refuseUnsafeField).
// A form that carries files a route checks itself uses readFormWithFiles.

import { FormDataParseError, MultipartParseError, parseFormData } from '@remix-run/form-data-parser'
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

export type FormWithFiles = {
  values: Record<string, string>
  /** The files of `field`, held in memory (the limits keep them small); empty parts left out. */
  files: File[]
  /** Why files were dropped (over `maxTotalBytes`), in words for the person who sent them. */
  fileError?: string
}

/**
 * A form that may carry files in `field`: multipart is parsed with the same rules as readForm
 * (control characters in names, values and file names refused), keeping at most `maxFiles`
 * files of `maxTotalBytes` together; any other form is read by readForm, with no files.
 */
export async function readFormWithFiles(
  request: Request,
  limits: { field: string; maxFiles: number; maxTotalBytes: number; tooMuch: string },
): Promise<FormWithFiles> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'multipart/form-data') {
    const form = await readForm(request)
    return { values: Object.fromEntries([...form].map(([name, value]) => [name, String(value)])), files: [] }
  }
  const files: File[] = []
  let total = 0
  let fileError: string | undefined
  try {
    const form = await parseFormData(request, { maxFiles: limits.maxFiles, maxFileSize: limits.maxTotalBytes }, (file) => {
      refuseUnsafeField(file.fieldName, file.name)
      // A form sent without choosing a file still carries an empty, nameless file part.
      if (file.fieldName !== limits.field || (file.size === 0 && file.name === '')) return null
      total += file.size
      if (total > limits.maxTotalBytes) fileError = limits.tooMuch
      else files.push(file)
      return null
    })
    const values: Record<string, string> = {}
    for (const [name, value] of form) {
      refuseUnsafeField(name, String(value))
      values[name] = String(value)
    }
    return fileError ? { values, files: [], fileError } : { values, files }
  } catch (error) {
    if (error instanceof Response) throw error
    if (
      error instanceof FormDataParseError ||
      error instanceof MultipartParseError ||
      // A text field whose bytes are not UTF-8: the parser's decoder is strict.
      (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
    ) {
      throw refusal(400, 'Bad Request', `The form could not be read (${limits.tooMuch}). Reload the page and try again.`)
    }
    throw error
  }
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
