// Reading a workspace's audit log: entries newest first, in keyset pages on `seq` (never OFFSET,
// so a page deep in a long log costs what the first one does), narrowed by the reader's filters,
// each entry described for people (who by e-mail or name, the change field by field) and as a
// CSV record.
import type { Prisma } from '~/generated/prisma/client'
import type { Tx } from '~/modules/db/tenant.server'
import { csvRecord } from '~/modules/formats/csv'
import type { ActorType, AuditFilters } from './filters'
import { readableChanges } from './readable-changes'
import { isUuid } from '~/modules/formats/uuid'

export const PAGE_SIZE = 50

export type AuditRow = {
  seq: string
  /** ISO 8601, UTC. */
  time: string
  actorType: ActorType
  actorId: string | null
  /** Who acted, for a person to read: an e-mail address, an API key's name, or Candor. */
  actor: string
  action: string
  targetType: string | null
  targetId: string | null
  ip: string | null
  userAgent: string | null
  changes: string[]
  before: unknown
  after: unknown
}

const DAY_MS = 86_400_000

/** Prisma's startsWith is a LIKE pattern: its wildcards in the prefix must match themselves. */
function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, '\\$&')
}

function entriesWhere(workspaceId: string, filters: AuditFilters, before?: bigint): Prisma.AuditEntryWhereInput {
  const { action, actor, person, object, from, to } = filters
  return {
    // Row-level security keeps other workspaces out already; naming the workspace lets
    // PostgreSQL walk the (workspace_id, seq) index.
    workspaceId,
    ...(before !== undefined ? { seq: { lt: before } } : {}),
    ...(action ? { action: action.endsWith('.') ? { startsWith: likePrefix(action) } : action } : {}),
    ...(actor ? { actorType: actor } : {}),
    // A person acts as a member (a user) or, for Candor's staff, as an operator.
    ...(person ? { actorId: person, actorType: actor ?? { in: ['user', 'operator'] } } : {}),
    ...(object ? { targetType: object } : {}),
    ...(from || to
      ? {
          createdAt: {
            ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
            ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) } : {}),
          },
        }
      : {}),
  }
}

/** Up to `limit` entries matching `filters`, newest first, older than entry `before` if given. */
export async function auditEntries(
  tx: Tx,
  workspaceId: string,
  filters: AuditFilters,
  { before, limit }: { before?: bigint; limit: number },
): Promise<AuditRow[]> {
  const entries = await tx.auditEntry.findMany({
    where: entriesWhere(workspaceId, filters, before),
    orderBy: { seq: 'desc' },
    take: limit,
  })
  const actorName = await actorNames(tx, entries)
  return entries.map((entry) => ({
    seq: entry.seq.toString(),
    time: entry.createdAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actor: actorName(entry),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    userAgent: entry.userAgent,
    changes: readableChanges(entry.before, entry.after),
    before: entry.before,
    after: entry.after,
  }))
}

/** One page of the audit page, and the `before` of the next (older) page if there is one. */
export async function auditPage(tx: Tx, workspaceId: string, filters: AuditFilters, before?: bigint) {
  const rows = await auditEntries(tx, workspaceId, filters, { before, limit: PAGE_SIZE + 1 })
  const page = rows.slice(0, PAGE_SIZE)
  return { rows: page, olderBefore: rows.length > PAGE_SIZE ? page[page.length - 1]!.seq : null }
}

type ActorRef = { actorType: ActorType; actorId: string | null }

/** People by e-mail (the user table has no row-level security) and API keys by name. */
async function actorNames(tx: Tx, entries: ActorRef[]): Promise<(entry: ActorRef) => string> {
  const idsOf = (...types: ActorType[]) => [
    ...new Set(entries.filter((e) => types.includes(e.actorType) && isUuid(e.actorId ?? '')).map((e) => e.actorId!)),
  ]
  const [users, apiKeys] = await Promise.all([
    tx.user.findMany({ where: { id: { in: idsOf('user', 'operator') } }, select: { id: true, email: true } }),
    tx.apiKey.findMany({ where: { id: { in: idsOf('api_key') } }, select: { id: true, name: true } }),
  ])
  const email = new Map(users.map((user) => [user.id, user.email]))
  const keyName = new Map(apiKeys.map((key) => [key.id, key.name]))
  return ({ actorType, actorId }) => {
    const id = actorId ?? 'unknown'
    switch (actorType) {
      case 'user':
        return email.get(id) ?? `person ${id}`
      case 'operator':
        return `${email.get(id) ?? id} (Candor operator)`
      case 'api_key':
        return `API key “${keyName.get(id) ?? id}”`
      case 'system':
        return `Candor (${id})`
      case 'subject':
        return `The data subject of request ${id}`
    }
  }
}

export const AUDIT_CSV_HEADER = csvRecord([
  'seq',
  'time_utc',
  'actor_type',
  'actor',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'changes',
  'before',
  'after',
])

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

export function auditCsvRecord(row: AuditRow): string {
  return csvRecord([
    row.seq,
    row.time,
    row.actorType,
    row.actor,
    row.actorId,
    row.action,
    row.targetType,
    row.targetId,
    row.ip,
    row.userAgent,
    row.changes.join('; '),
    json(row.before),
    json(row.after),
  ])
}
