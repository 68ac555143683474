// Reading a JSON request body (the API, CSP reports). Like form fields, no string in it may hold
// a NUL byte or another control character other than tab and line breaks: PostgreSQL cannot
// store a NUL, and no value we accept needs the others. Shared by every JSON endpoint.

import { UNTYPABLE_CHARACTER } from '~/modules/formats/control-characters'

/** On refusal, `path` names the string (or key) that holds the character, e.g. `map.tables.0.name`. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; message: string; path?: string }

/** Parses `text` as JSON and checks every key and string in it. */
export function parseJsonBody(text: string): JsonBody {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' }
  }
  const unsafe = unsafeTextAt(value, [])
  if (unsafe) {
    return {
      ok: false,
      message: 'The body holds a control character (such as \\u0000) in a string, which cannot be saved.',
      path: unsafe.join('.'),
    }
  }
  return { ok: true, value }
}

/** The path of the first string or key holding an unsafe character, or null. */
function unsafeTextAt(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return UNTYPABLE_CHARACTER.test(value) ? path : null
  if (Array.isArray(value)) {
    for (const [index, inner] of value.entries()) {
      const found = unsafeTextAt(inner, [...path, String(index)])
      if (found) return found
    }
    return null
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (UNTYPABLE_CHARACTER.test(key)) return [...path, key]
      const found = unsafeTextAt(inner, [...path, key])
      if (found) return found
    }
  }
  return null
}
