// The second stage of an erasure: "erased from backups", per data system, then per request.
// Candor's own records (the built-in system): computed from the backup catalogue, done once no
// remaining backup (succeeded or still running) began before the erasure. The customer's other
// systems: Candor cannot see their backups, so the stage is done when the retention declared
// for the system has passed since the erasure, or earlier when a member confirms it (audited).
// Once every system of a request is past it, the request gets erased_backups_at, a public
// timeline event and an e-mail to the requester. Run daily by backup.age-out (decision 022).
import type { Member } from '~/modules/auth/member.server'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { env } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { statementText, systemBackupRetentionDays } from './erasure-statement'
import { loadErasureStatement } from './erasure-statement.server'
import { addEvent } from './timeline.server'
import { RequestRuleError, emailSubject, statusLine } from './workflow.server'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A backup that began up to this long after an erasure is still taken to hold the erased data:
 * the erasure's transaction commits a little after the time it records, and a backup's
 * snapshot is read a little after its row is written. Longer than any task's transaction.
 */
export const SNAPSHOT_MARGIN_MS = 60 * 60 * 1000

/** Requests looked at per run; the rest wait for the next day. */
const BATCH = 5000

const ACTOR = { type: 'system', reason: 'backup.age-out' } as const

/** Advance every erasure request whose backups stage is open; returns how many requests finished it. */
export async function advanceBackupsStages(now = new Date()): Promise<number> {
  // Finding them crosses workspaces (the owner's maintenance read); each then moves on in its
  // own workspace's transaction.
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string }>(
    `SELECT id, workspace_id FROM privacy_request
      WHERE erased_primary_at IS NOT NULL AND erased_backups_at IS NULL ORDER BY erased_primary_at LIMIT $1`,
    [BATCH],
  )
  let finished = 0
  let failed = 0
  for (const row of rows) {
    const scope = { workspaceId: row.workspace_id, actor: ACTOR }
    // One request that cannot move on must not hold back the others; the job fails at the end
    // (and is retried) so that it is not lost either.
    try {
      if (await withTenant(scope, (tx) => advanceRequest(tx, scope, row.id, now))) finished++
    } catch (error) {
      failed++
      log('error', 'could not advance the backups stage of an erasure', { requestId: row.id, ...errorFields(error) })
    }
  }
  if (failed) throw new Error(`${failed} erasure request(s) could not be advanced (see the log); ${finished} finished.`)
  return finished
}

/** A member's word that a system's backups no longer hold the subject's data, before the declared date. */
export async function confirmBackupsErased(member: Member, taskId: string, origin: RequestOrigin): Promise<void> {
  const scope = { ...member.tenant, origin }
  await withTenant(member.tenant, async (tx) => {
    const task = await tx.requestTask.findUnique({ where: { id: taskId }, include: { dataSystem: true } })
    if (!task || task.mode !== 'erasure') throw new RequestRuleError('There is no such erasure task in this workspace.')
    if (task.dataSystem.kind === 'built_in') {
      throw new RequestRuleError('Candor’s own backups are tracked from its backup catalogue: nobody confirms them by hand.')
    }
    if (task.state !== 'done' || !task.completedAt) throw new RequestRuleError('Erase the data from the system first, then its backups.')
    if (task.backupsErasedAt) throw new RequestRuleError('This system’s backups stage is already done.')
    await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${task.requestId}::uuid FOR UPDATE`
    const backupsErasedAt = new Date()
    await tx.requestTask.update({ where: { id: task.id }, data: { backupsErasedAt, backupsConfirmedBy: member.user.id } })
    await addEvent(tx, { id: task.requestId, workspaceId: task.workspaceId }, {
      kind: 'backups_confirmed',
      actorUserId: member.user.id,
      body: `${task.dataSystem.name}: a member confirmed its backups no longer hold the data (declared by the company).`,
    })
    await finishRequestIfDone(tx, scope, task.requestId)
    await recordAudit(tx, scope, {
      action: 'request.task.backups_confirm',
      target: { type: 'request_task', id: task.id },
      before: { backupsErasedAt: null },
      after: { backupsErasedAt },
    })
  })
}

/** Mark each system whose backups stage passed; finish the request when all have. Returns whether it finished. */
async function advanceRequest(tx: Tx, scope: AuditScope, requestId: string, now: Date): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${requestId}::uuid FOR UPDATE`
  const request = await tx.privacyRequest.findUnique({
    where: { id: requestId },
    include: { workspace: true, tasks: { where: { mode: 'erasure', backupsErasedAt: null }, include: { dataSystem: true } } },
  })
  if (!request || request.erasedBackupsAt) return false
  for (const task of request.tasks) {
    if (task.state !== 'done' || !task.completedAt) continue
    const backupsErasedAt =
      task.dataSystem.kind === 'built_in'
        ? await computedFromCatalogue(tx, task.completedAt, now)
        : declaredRetentionEnd(task.completedAt, systemBackupRetentionDays(task.dataSystem, request.workspace, env().BACKUP_RETENTION_DAYS), now)
    if (backupsErasedAt) await tx.requestTask.update({ where: { id: task.id }, data: { backupsErasedAt } })
  }
  return finishRequestIfDone(tx, scope, requestId)
}

/** Now, if no backup that may hold data erased at `erasedAt` remains in the catalogue; else null. */
async function computedFromCatalogue(tx: Tx, erasedAt: Date, now: Date): Promise<Date | null> {
  const holding = await tx.backup.findFirst({
    where: { status: { in: ['succeeded', 'running'] }, startedAt: { lt: new Date(erasedAt.getTime() + SNAPSHOT_MARGIN_MS) } },
    select: { id: true },
  })
  return holding ? null : now
}

/** The day the declared retention ended, once it has. */
function declaredRetentionEnd(erasedAt: Date, days: number, now: Date): Date | null {
  const end = new Date(erasedAt.getTime() + days * DAY_MS)
  return end <= now ? end : null
}

/**
 * When every erasure task's backups stage is done: the request's erased_backups_at (the last
 * of them), its public event worded from the statement, the e-mail to the requester and the
 * audit entry. Call with the request row locked.
 */
async function finishRequestIfDone(tx: Tx, scope: AuditScope, requestId: string): Promise<boolean> {
  const request = await tx.privacyRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { workspace: true, tasks: { where: { mode: 'erasure' }, select: { backupsErasedAt: true } } },
  })
  if (request.erasedBackupsAt || !request.erasedPrimaryAt || request.tasks.length === 0) return false
  const stages = request.tasks.map((task) => task.backupsErasedAt)
  if (stages.some((at) => !at)) return false
  const erasedBackupsAt = new Date(Math.max(...stages.map((at) => at!.getTime())))
  await tx.privacyRequest.update({ where: { id: request.id }, data: { erasedBackupsAt } })
  const text = statementText((await loadErasureStatement(tx, request.id))!)
  await addEvent(tx, request, { kind: 'erased_backups', public: true, body: text.join('\n') })
  // A closed request whose requester's details were minimised (retention.purge) has no address.
  if (request.email) await queueEmail(tx, request.workspaceId, {
    to: request.email,
    subject: emailSubject(request, 'your erasure has reached the backups'),
    text: [
      'The last stage of your erasure request is done: older backups no longer hold your data. Each line says whether',
      'Candor computed it from its own backup catalogue or the company declared it for its own systems.',
      '',
      ...text,
      '',
      await statusLine(tx, request),
    ].join('\n'),
  }, { branded: true })
  await recordAudit(tx, scope, {
    action: 'request.erased_backups',
    target: { type: 'privacy_request', id: request.id },
    before: { erasedBackupsAt: null },
    after: { erasedBackupsAt },
  })
  return true
}
