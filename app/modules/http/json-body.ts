// Reading a JSON request body (the API, CSP reports). Like form fields, no string in it may hold
// a NUL byte or another control character other than tab and line breaks: PostgreSQL cannot
// store a NUL, and no value we accept needs the others. Shared by every JSON endpoint.

import { UNTYPABLE_CHARACTER } from '~/modules/formats/control-characters'

export type JsonBody = { ok: true; value: unknown } | { ok: false; message: string }

/** Parses `text` as JSON and checks every key and string in it. */
export function parseJsonBody(text: string): JsonBody {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' }
  }
  if (holdsUnsafeText(value)) {
    return { ok: false, message: 'The body holds a control character (such as \\u0000) in a string, which cannot be saved.' }
  }
  return { ok: true, value }
}

function holdsUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return UNTYPABLE_CHARACTER.test(value)
  if (Array.isArray(value)) return value.some(holdsUnsafeText)
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => UNTYPABLE_CHARACTER.test(key) || holdsUnsafeText(inner))
  }
  return false
}
