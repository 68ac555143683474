// What an audit entry records of a change: only the fields that changed, with secrets replaced
// by a marker (the log must never become a place to read a secret from).
import { canonicalJson } from './hash-chain'

export const REDACTED = '[redacted]'

const SECRET_KEY = /secret|password|token|hash|totp|otp|recovery|private|credential|api_?key/i

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type Snapshot = Record<string, unknown> | null | undefined

export function redactSecrets(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(redactSecrets)
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner)]),
    )
  }
  return value as Json
}

/** The changed fields of `before` → `after`, each side redacted; null for a side that is absent. */
export function describeChange(before: Snapshot, after: Snapshot) {
  if (!before || !after) {
    return {
      before: before ? (redactSecrets(before) as Json) : null,
      after: after ? (redactSecrets(after) as Json) : null,
    }
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const changed = [...keys].filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]))
  const pick = (snapshot: Record<string, unknown>) =>
    redactSecrets(Object.fromEntries(changed.map((key) => [key, snapshot[key] ?? null])))
  return { before: pick(before), after: pick(after) }
}
