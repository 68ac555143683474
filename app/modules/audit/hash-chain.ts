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
  if (typeof value === 'object') return canonicalJsonWithHoles(value as Record<string, unknown>, []).join('')
  return JSON.stringify(value)
}

/**
 * canonicalJson of `object` cut where the values of the top-level keys `holes` go: the texts
 * around them, in key order (one more than the holes). Joined with each hole's canonical value
 * in between, they are canonicalJson(object). The database completes an audit entry's text this
 * way, with the values it decides under the chain's lock (record.server.ts).
 */
export function canonicalJsonWithHoles(object: Record<string, unknown>, holes: readonly string[]): string[] {
  // A plain loop over the sorted keys: every audit entry is hashed through here, and a full
  // verification (npm run audit:verify, every restore) hashes millions of them.
  const pieces: string[] = []
  let text = '{'
  let first = true
  for (const key of Object.keys(object).sort()) {
    const inner = object[key]
    const hole = holes.includes(key)
    if (inner === undefined && !hole) continue
    text += `${first ? '' : ','}${JSON.stringify(key)}:`
    first = false
    if (hole) {
      pieces.push(text)
      text = ''
    } else {
      text += canonicalJson(inner)
    }
  }
  pieces.push(`${text}}`)
  if (pieces.length !== holes.length + 1) throw new Error(`canonicalJsonWithHoles: ${holes.join(', ')} must be keys of the object`)
  return pieces
}

export function entryHash(prevHash: string | null, entry: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalJson(entry))
    .digest('hex')
}
