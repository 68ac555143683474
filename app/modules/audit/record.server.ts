// Appending to the audit log, always inside the transaction that makes the change: the entry
// exists exactly when the change was committed. One writer at a time per chain (an advisory
// lock held until commit) keeps the sequence gapless and the chain unforked.
import { Prisma } from '~/generated/prisma/client'
import type { Actor, Tx } from '~/modules/db/tenant.server'
import { type Snapshot, describeChange } from './changes'
import { type ChainedFields, entryHash } from './hash-chain'

/** Where the change came from, when a person's request caused it. */
export type RequestOrigin = { ip?: string; userAgent?: string }

export type AuditScope = { workspaceId: string | null; actor: Actor; origin?: RequestOrigin }

export type AuditInput = {
  /** What happened, as `noun.verb`: `workspace.create`, `member.role_change`, … */
  action: string
  target?: { type: string; id: string }
  before?: Snapshot
  after?: Snapshot
}

function actorFields(actor: Actor): { actorType: ChainedFields['actorType']; actorId: string } {
  switch (actor.type) {
    case 'user':
    case 'operator':
      return { actorType: actor.type, actorId: actor.userId }
    case 'api_key':
      return { actorType: 'api_key', actorId: actor.apiKeyId }
    case 'system':
      return { actorType: 'system', actorId: actor.reason }
    case 'subject':
      return { actorType: 'subject', actorId: actor.requestId }
  }
}

/**
 * Append one entry to the chain of `scope.workspaceId` (null: the platform's chain). `tx` must
 * work for that workspace (withTenant) or for none (withPlatform); row-level security refuses
 * any other.
 */
export async function recordAudit(tx: Tx, scope: AuditScope, input: AuditInput): Promise<void> {
  const chain = `audit:${scope.workspaceId ?? 'platform'}`
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chain}, 0))`
  const last = await tx.auditEntry.findFirst({
    where: { workspaceId: scope.workspaceId },
    orderBy: { seq: 'desc' },
    select: { seq: true, hash: true },
  })
  const change = describeChange(input.before, input.after)
  const fields: ChainedFields = {
    workspaceId: scope.workspaceId,
    seq: (last?.seq ?? 0n) + 1n,
    ...actorFields(scope.actor),
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    before: change.before,
    after: change.after,
    ip: scope.origin?.ip ?? null,
    userAgent: scope.origin?.userAgent?.slice(0, 512) ?? null,
    createdAt: new Date(),
  }
  const prevHash = last?.hash ?? null
  await tx.auditEntry.create({
    data: {
      ...fields,
      actorType: fields.actorType as 'user' | 'operator' | 'api_key' | 'system' | 'subject',
      before: change.before ?? Prisma.DbNull,
      after: change.after ?? Prisma.DbNull,
      prevHash,
      hash: entryHash(prevHash, fields),
    },
  })
}
