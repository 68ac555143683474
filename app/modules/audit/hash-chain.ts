// The audit log's hash chain: each entry's hash is SHA-256 over the previous entry's hash and
// the entry in canonical JSON (keys sorted, no whitespace), so editing, removing or reordering
// any entry breaks every later link.
import { createHash } from 'node:crypto'

export type ChainedFields = {
  workspaceId: string | null
  seq: bigint
  actorType: string
  actorId: string | null
  action: string
  targetType: string | null
  targetId: string | null
  before: unknown
  after: unknown
  ip: string | null
  userAgent: string | null
  createdAt: Date
}

/** JSON with object keys sorted at every depth; the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function entryHash(prevHash: string | null, entry: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(entry))
    .digest('hex')
}
