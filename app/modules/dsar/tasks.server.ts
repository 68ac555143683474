// A request's work, one task per data system. Automatic systems run as `dsar.task` jobs
// (singleton per task, retried with backoff); manual ones wait for a member. A task that
// exhausts its retries puts the request in needs_attention until a member retries it.
import { type DataSystem, Prisma, type PrivacyRequest, type RequestTask } from '~/generated/prisma/client'
import { recordAudit, type AuditScope } from '~/modules/audit/record.server'
import { recordErasureReplay } from '~/modules/backups/erasure-replay-list.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import { builtInConnector } from './connectors/built-in.server'
import type { DataSystemConnector, ErasureReceipt, Subject } from './connectors/connector'
import { runExternalTask } from './external-task.server'
import { erasureDates, statementText } from './erasure-statement'
import { loadErasureStatement } from './erasure-statement.server'
import { STOPPED_STATES, taskModeOf } from './request-kinds'
import { type CollectionArtifact, storeCollection } from './task-artifacts.server'
import { addEvent } from './timeline.server'

export type TaskJob = { workspaceId: string; taskId: string }
export type ExportJob = { workspaceId: string; requestId: string }

/** Collecting 200,000 rows takes a while; the tenant transaction that reads them must last. */
const TASK_TRANSACTION_MS = 10 * 60 * 1000

export const system = (reason: string): AuditScope['actor'] => ({ type: 'system', reason })

/** One task per active data system, for access and erasure requests. Returns how many. */
export async function createTasks(tx: Tx, request: Pick<PrivacyRequest, 'id' | 'workspaceId' | 'type'>): Promise<number> {
  const mode = taskModeOf(request.type)
  if (!mode) return 0
  const systems = await tx.dataSystem.findMany({ where: { archivedAt: null }, orderBy: { createdAt: 'asc' } })
  for (const dataSystem of systems) {
    const task = await tx.requestTask.create({
      data: {
        workspaceId: request.workspaceId,
        requestId: request.id,
        dataSystemId: dataSystem.id,
        mode,
        state: dataSystem.kind === 'manual' ? 'waiting_for_staff' : 'pending',
      },
    })
    if (dataSystem.kind !== 'manual') await queueTask(tx, { workspaceId: request.workspaceId, taskId: task.id })
  }
  return systems.length
}

const queueTask = (tx: Tx, job: TaskJob) => enqueue(tx, 'dsar.task', job, { singletonKey: job.taskId })

/**
 * Run one automatic task (the `dsar.task` job). Done tasks are left alone, so a job that runs
 * again after a crash changes nothing. Candor's own records are read and erased inside one
 * tenant transaction, so an erasure and its "done" mark commit together: nothing is erased
 * twice. A customer's system is worked outside it (external-task.server.ts). An access task
 * writes each collection as one encrypted object (replaced whole on a rerun), then marks itself done.
 */
export async function runTask(job: TaskJob): Promise<void> {
  const kind = await withTenant({ workspaceId: job.workspaceId, actor: system('dsar.task') }, async (tx) => {
    const task = await tx.requestTask.findUnique({ where: { id: job.taskId }, select: { dataSystem: { select: { kind: true } } } })
    return task?.dataSystem.kind
  })
  if (kind === 'built_in') await runBuiltInTask(job)
  else if (kind === 'postgres' || kind === 'webhook') await runExternalTask(job, kind)
}

async function runBuiltInTask(job: TaskJob): Promise<void> {
  const ctx = { workspaceId: job.workspaceId, actor: system('dsar.task') }
  await withTenant(
    ctx,
    async (tx) => {
      const task = await tx.requestTask.findUnique({ where: { id: job.taskId }, include: { request: true, dataSystem: true } })
      if (!task || task.state === 'done' || task.dataSystem.kind !== 'built_in') return
      // A refused request (or a duplicate) is closed, and its subject was told what was not
      // erased: keep it so.
      if (STOPPED_STATES.includes(task.request.state)) return
      const connector: DataSystemConnector = builtInConnector
      const subject: Subject = { requestId: task.requestId, email: task.request.email, name: task.request.subjectName }
      const connectorContext = { tx, workspaceId: job.workspaceId, systemName: task.dataSystem.name }
      if (task.mode === 'erasure') {
        const receipt = await connector.erase(connectorContext, subject)
        // A restore from an older backup erases the subject again from this list (decision 021):
        // only Candor's own records are in Candor's backups.
        await recordErasureReplay(tx, { taskId: task.id, workspaceId: job.workspaceId, requestId: task.requestId, email: subject.email, receipt })
        await completeTask(tx, ctx, task, { receipt })
      } else {
        await completeTask(tx, ctx, task, { artifact: await collectInto(tx, task.id, connector, connectorContext, subject) })
      }
    },
    { timeoutMs: TASK_TRANSACTION_MS },
  )
}

/**
 * Mark a task done with what it produced: its timeline event, its audit entry, and what follows
 * once the request's last task is done. Also used by a restore that re-applies an erasure.
 */
export async function completeTask(
  tx: Tx,
  scope: AuditScope & { workspaceId: string },
  task: Pick<RequestTask, 'id' | 'state' | 'mode'> & { request: PrivacyRequest; dataSystem: Pick<DataSystem, 'name'> },
  outcome: { receipt: ErasureReceipt } | { artifact: { collections: CollectionArtifact[] } },
): Promise<void> {
  await tx.requestTask.update({
    where: { id: task.id },
    data: { state: 'done', attempts: { increment: 1 }, lastError: null, waitingReason: null, pendingReceipt: Prisma.DbNull, completedAt: new Date(), ...outcome },
  })
  await addEvent(tx, task.request, { kind: 'task_done', body: `${task.dataSystem.name}: ${task.mode === 'erasure' ? 'erased' : 'data collected'}.` })
  await recordAudit(tx, scope, {
    action: task.mode === 'erasure' ? 'request.task.erase' : 'request.task.collect',
    target: { type: 'request_task', id: task.id },
    before: { state: task.state },
    after: { state: 'done', ...('receipt' in outcome ? { receipt: outcome.receipt } : {}) },
  })
  await afterTaskDone(tx, task.request)
}

async function collectInto(
  tx: Tx,
  taskId: string,
  connector: DataSystemConnector,
  connectorContext: Parameters<DataSystemConnector['collect']>[0],
  subject: Subject,
) {
  const collections = []
  for await (const collection of connector.collect(connectorContext, subject)) {
    collections.push(await storeCollection(tx, { workspaceId: connectorContext.workspaceId, taskId }, collection))
  }
  return { collections }
}

/** Record a failed attempt (the job is retried) without losing the error for staff. */
export async function recordTaskError(job: TaskJob, error: unknown): Promise<void> {
  await withTenant({ workspaceId: job.workspaceId, actor: system('dsar.task') }, (tx) =>
    tx.requestTask.updateMany({
      where: { id: job.taskId, state: { not: 'done' } },
      data: { attempts: { increment: 1 }, lastError: describeError(error) },
    }),
  )
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000)

/** The task gave up (dead-letter queue): staff see the error and may retry it. */
export async function failTask(job: TaskJob): Promise<void> {
  const ctx = { workspaceId: job.workspaceId, actor: system('dsar.task') }
  await withTenant(ctx, async (tx) => {
    const task = await tx.requestTask.findUnique({ where: { id: job.taskId }, include: { request: true, dataSystem: true } })
    if (!task || task.state === 'done' || task.state === 'failed') return
    const reason = `${task.dataSystem.name}: ${task.lastError ?? 'the task failed'}`
    await tx.requestTask.update({ where: { id: task.id }, data: { state: 'failed' } })
    await tx.privacyRequest.update({ where: { id: task.requestId }, data: { state: 'needs_attention', attentionReason: reason } })
    await emitRequestEvent(tx, task.request, 'request.state_changed')
    await addEvent(tx, task.request, { kind: 'task_failed', body: reason })
    await recordAudit(tx, ctx, {
      action: 'request.task.fail',
      target: { type: 'request_task', id: task.id },
      before: { state: task.state, requestState: task.request.state },
      after: { state: 'failed', requestState: 'needs_attention' },
    })
  })
}

/** A member retries a failed task; the request goes back in progress once none is failed. */
export async function retryTask(tx: Tx, scope: AuditScope & { workspaceId: string }, taskId: string): Promise<boolean> {
  const task = await tx.requestTask.findUnique({ where: { id: taskId }, include: { request: true } })
  if (!task || task.state !== 'failed') return false
  await tx.requestTask.update({ where: { id: task.id }, data: { state: 'pending', lastError: null } })
  await queueTask(tx, { workspaceId: scope.workspaceId, taskId })
  const stillFailed = await tx.requestTask.count({ where: { requestId: task.requestId, state: 'failed' } })
  if (stillFailed === 0 && task.request.state === 'needs_attention') {
    await tx.privacyRequest.update({ where: { id: task.requestId }, data: { state: 'in_progress', attentionReason: null } })
    await emitRequestEvent(tx, task.request, 'request.state_changed')
  }
  await addEvent(tx, task.request, { kind: 'task_retried', actorUserId: scope.actor.type === 'user' ? scope.actor.userId : null })
  await recordAudit(tx, scope, {
    action: 'request.task.retry',
    target: { type: 'request_task', id: task.id },
    before: { state: 'failed' },
    after: { state: 'pending' },
  })
  return true
}

/**
 * Once every task of the request is done: an access request gets its export built; an
 * erasure request records when its last listed system finished, the latest end of the backup
 * retentions after it, and a public event that says which systems that covers. Serialised on
 * the request row.
 */
export async function afterTaskDone(tx: Tx, request: Pick<PrivacyRequest, 'id' | 'workspaceId' | 'type'>): Promise<void> {
  await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${request.id}::uuid FOR UPDATE`
  const open = await tx.requestTask.count({ where: { requestId: request.id, state: { not: 'done' } } })
  if (open > 0) return
  const current = await tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id }, include: { workspace: true } })
  if (taskModeOf(current.type) === 'access') {
    const job: ExportJob = { workspaceId: request.workspaceId, requestId: request.id }
    await enqueue(tx, 'dsar.export', job, { singletonKey: request.id })
    return
  }
  if (current.erasedPrimaryAt) return
  // Worded from the tasks, so it names the systems it covers (only Candor's own, often).
  const statement = (await loadErasureStatement(tx, request.id))!
  // When the last system finished, and the latest end of each system's backup retention after
  // its erasure: Candor's own for its records (the backup.age-out job then computes the real
  // day from the catalogue), declared for the others.
  const { erasedPrimaryAt, erasedBackupsBy } = erasureDates(statement)
  await tx.privacyRequest.update({ where: { id: request.id }, data: { erasedPrimaryAt: erasedPrimaryAt ?? new Date(), erasedBackupsBy } })
  await addEvent(tx, current, { kind: 'erased_primary', public: true, body: statementText(statement).join('\n') })
}
