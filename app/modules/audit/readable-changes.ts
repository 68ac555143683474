// An audit entry's change as a person reads it: one line per field, `field: old → new`.
// Entries store only the fields that changed (changes.ts), so every line is a real change.

const NOTHING = '(none)'

function asFields(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function show(value: unknown): string {
  if (value === null || value === undefined) return NOTHING
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** `field: old → new` per field; a creation shows `field: value`, a deletion `field: value → (removed)`. */
export function readableChanges(before: unknown, after: unknown): string[] {
  const old = asFields(before)
  const now = asFields(after)
  const fields = [...new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})])].sort()
  return fields.map((field) => {
    if (!old) return `${field}: ${show(now?.[field])}`
    if (!now) return `${field}: ${show(old[field])} → (removed)`
    return `${field}: ${show(old[field])} → ${show(now[field])}`
  })
}
