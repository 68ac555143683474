// An audit entry's change as a small table: one row per field, its name in words, the value
// before and after. Entries store only the fields that changed, with secrets already replaced
// by a marker when written (changes.ts); the marker is shown as such, never a value.
import { REDACTED } from './changes'

export type DiffField = { field: string; before: string | null; after: string | null }

/** Words that are written as initials. */
const INITIALS: Record<string, string> = {
  ip: 'IP', ips: 'IPs', dpa: 'DPA', nda: 'NDA', url: 'URL', urls: 'URLs', api: 'API', id: 'ID', ids: 'IDs',
  csv: 'CSV', drp: 'DRP', utc: 'UTC', sso: 'SSO', pdf: 'PDF', mfa: 'MFA', totp: 'TOTP',
}

/** `requireTwoFactor` → "Require two factor", `ip_allowlist` → "IP allowlist". */
export function fieldName(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => INITIALS[word.toLowerCase()] ?? word.toLowerCase())
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export const SECRET_SHOWN_AS = 'secret (not recorded)'

/** A value as text: null for "nothing"; lists of plain values joined; anything else as JSON. */
export function shownValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value === REDACTED) return SECRET_SHOWN_AS
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.length === 0 ? 'none' : value.map((item) => shownValue(item) ?? '—').join(', ')
  }
  return JSON.stringify(value)
}

function asFields(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The fields of `before` → `after`, in the order of their names in words. */
export function diffFields(before: unknown, after: unknown): DiffField[] {
  const old = asFields(before)
  const now = asFields(after)
  const keys = [...new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})])]
  return keys
    .map((key) => ({ field: fieldName(key), before: shownValue(old?.[key]), after: shownValue(now?.[key]) }))
    .sort((a, b) => a.field.localeCompare(b.field))
}
