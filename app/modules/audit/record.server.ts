// Appending to the audit log, always inside the transaction that makes the change: the entry
// exists exactly when the change was committed. One writer at a time per chain (an advisory
// lock held until commit) keeps the sequence gapless and the chain unforked; append the entry as
// the transaction's last step, so that the lock is held for as short a time as possible.
import type pg from 'pg'
import type { Actor, Tx } from '~/modules/db/tenant.server'
import { type Snapshot, describeChange } from './changes'
import { type ChainedFields, canonicalJsonWithHoles } from './hash-chain'

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
  await tx.$executeRawUnsafe(AUDIT_APPEND, ...auditAppendArguments(scope, input))
}

/**
 * The same append, inside a transaction that platform maintenance opened as the owner on its own
 * connection (retention.purge): its final update and its audit entry commit together.
 */
export async function recordAuditAsOwner(client: pg.ClientBase, scope: AuditScope, input: AuditInput): Promise<void> {
  await client.query(AUDIT_APPEND, auditAppendArguments(scope, input))
}

// The entry's number, time and hash are decided in the database, under the chain's lock, in
// this one statement (migration 20261203180000_audit_append, decision 017): the hash is
// entryHash's, over this canonical text with "createdAt" and "seq" filled in. Every other
// writer of this chain waits from here to our commit, so callers append their entry last.
const AUDIT_APPEND = `SELECT audit_append(
  $1::uuid, $2::audit_actor_type, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13)`

function auditAppendArguments(scope: AuditScope, input: AuditInput): unknown[] {
  const change = describeChange(input.before, input.after)
  const fields: Omit<ChainedFields, 'seq' | 'createdAt'> = {
    workspaceId: scope.workspaceId,
    ...actorFields(scope.actor),
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    before: change.before,
    after: change.after,
    ip: scope.origin?.ip ?? null,
    userAgent: scope.origin?.userAgent?.slice(0, 512) ?? null,
  }
  const [head, middle, tail] = canonicalJsonWithHoles({ ...fields, createdAt: undefined, seq: undefined }, ['createdAt', 'seq'])
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))
  return [
    fields.workspaceId, fields.actorType, fields.actorId, fields.action, fields.targetType, fields.targetId,
    json(fields.before), json(fields.after), fields.ip, fields.userAgent, head, middle, tail,
  ]
}
