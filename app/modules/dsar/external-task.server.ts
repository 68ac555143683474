// A task in a customer's own system (Postgres, webhook), worked outside any transaction of
// Candor's (decision 031). Three steps: a short transaction reads the task and opens the
// system's secret; the connector works (minutes, maybe) with no snapshot held here; a short
// transaction records the outcome, under a lock on the task row, once. A crash anywhere leaves
// the task not done, and the job's retry starts again from the first step:
// - an access task rewrites each collection's object whole, so a rerun replaces what a crashed
//   one left;
// - an erasure commits in the customer's system first. Just before that commit the connector
//   hands over its receipt, kept as `pending_receipt`; if the process dies after the commit,
//   the retry finds nothing left to erase and records the saved receipt, not a receipt of zeros.
import type { DataSystem, PrivacyRequest, RequestTask } from '~/generated/prisma/client'
import { decryptSecret } from '~/modules/crypto/envelope.server'
import { type FileKeyMaker, fileKeyMaker } from '~/modules/crypto/file-encryption.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import type { Collection, ErasureReceipt, ExternalConnector, ExternalContext, ExternalOutcome, Subject } from './connectors/connector'
import { EXTERNAL_CONNECTORS, type ExternalKind } from './connectors/registry.server'
import { receiptToRecord } from './pending-receipt'
import { requestDeadlines } from './request-deadline.server'
import { STOPPED_STATES } from './request-kinds'
import { type CollectionArtifact, collectionPlaceFrom, deleteArtifacts, taskArtifact, writeCollection } from './task-artifacts.server'
import { type TaskJob, completeTask, system } from './tasks.server'
import { addEvent } from './timeline.server'

const SHORT_TRANSACTION_MS = 30_000

/** Where a data system's secret is sealed: decryption succeeds only for this row and column. */
export const dataSystemSecretBinding = (systemId: string) => ({ table: 'data_system', column: 'secret', rowId: systemId })

type Outcome = ExternalOutcome<ErasureReceipt> | ExternalOutcome<{ collections: CollectionArtifact[] }>

export async function runExternalTask(job: TaskJob, kind: ExternalKind): Promise<void> {
  const scope = { workspaceId: job.workspaceId, actor: system('dsar.task') }
  const short = <T>(work: (tx: Tx) => Promise<T>) => withTenant(scope, work, { timeoutMs: SHORT_TRANSACTION_MS })
  const start = await short(async (tx) => {
    const task = await tx.requestTask.findUnique({ where: { id: job.taskId }, include: { request: true, dataSystem: true } })
    if (!task || task.state === 'done' || STOPPED_STATES.includes(task.request.state)) return null
    const secret = task.dataSystem.secret ? await decryptSecret(tx, job.workspaceId, dataSystemSecretBinding(task.dataSystemId), task.dataSystem.secret) : null
    // A task waiting for its system keeps saying so while the system is asked again.
    if (task.state === 'pending') await tx.requestTask.update({ where: { id: task.id }, data: { state: 'running' } })
    const dueAt = task.request.dueAt ?? (await requestDeadlines(tx, task.requestId)).effective.endsAt
    // An access task writes one file per collection: the data key is read here once for all.
    const keys = task.mode === 'access' ? await fileKeyMaker(tx, job.workspaceId) : null
    return { task, secret, dueAt, keys }
  })
  if (!start) return
  const connector = EXTERNAL_CONNECTORS[kind]
  const { task, secret, dueAt, keys } = start
  try {
    await workOn(job, connector, { task, secret, dueAt, keys }, short)
  } finally {
    keys?.close()
  }
}

type Started = {
  task: RequestTask & { request: PrivacyRequest; dataSystem: DataSystem }
  secret: string | null
  dueAt: Date
  keys: FileKeyMaker | null
}

async function workOn(job: TaskJob, connector: ExternalConnector, { task, secret, dueAt, keys }: Started, short: ExternalContext['read']): Promise<void> {
  const ctx: ExternalContext = {
    workspaceId: job.workspaceId,
    taskId: task.id,
    requestId: task.requestId,
    systemId: task.dataSystemId,
    systemName: task.dataSystem.name,
    settings: task.dataSystem.settings,
    secret,
    dueAt,
    read: short,
  }
  const subject: Subject = { requestId: task.requestId, email: task.request.email, name: task.request.subjectName }
  let outcome: Outcome
  if (task.mode === 'erasure') {
    outcome = await connector.erase(ctx, subject, {
      beforeCommit: (receipt) => short((tx) => tx.requestTask.update({ where: { id: task.id }, data: { pendingReceipt: receipt } })).then(() => undefined),
    })
  } else {
    const collections: CollectionArtifact[] = []
    const store = async (collection: Collection) => {
      collections.push(await writeCollection(collectionPlaceFrom(keys!, { workspaceId: job.workspaceId, taskId: task.id }, collection.name), collection))
    }
    const collected = await connector.collect(ctx, subject, store)
    outcome = collected.kind === 'done' ? { kind: 'done', value: { collections } } : collected
  }
  const finished = await short((tx) => finishExternalTask(tx, job, outcome))
  // Collections the endpoint uploaded while it was being asked, then left out of its answer.
  if (finished) await deleteArtifacts({ collections: finished.unlisted })
}

/**
 * Record what the system answered, once: done with its receipt or collections, or waiting for
 * the system (it took the task and answers later, e.g. on its callback URL). Also the end of a
 * webhook's callback. Returns false when the task was done already or is gone; otherwise the
 * collections stored for the task before (uploads) that its answer does not list, for the
 * caller to delete once this transaction has committed.
 */
export async function finishExternalTask(tx: Tx, job: TaskJob, outcome: Outcome): Promise<false | { unlisted: CollectionArtifact[] }> {
  await tx.$queryRaw`SELECT id FROM request_task WHERE id = ${job.taskId}::uuid FOR UPDATE`
  const task = await tx.requestTask.findUnique({ where: { id: job.taskId }, include: { request: true, dataSystem: true } })
  if (!task || task.state === 'done') return false
  const scope = { workspaceId: job.workspaceId, actor: system('dsar.task') }
  if (outcome.kind === 'waiting') {
    if (task.state === 'waiting_for_system') {
      await tx.requestTask.update({ where: { id: task.id }, data: { waitingReason: outcome.reason.slice(0, 500) } })
      return { unlisted: [] }
    }
    await tx.requestTask.update({ where: { id: task.id }, data: { state: 'waiting_for_system', waitingReason: outcome.reason.slice(0, 500), lastError: null } })
    await addEvent(tx, task.request, { kind: 'task_waiting', body: `${task.dataSystem.name}: ${outcome.reason}` })
    return { unlisted: [] }
  }
  if (task.mode === 'erasure') {
    const receipt = receiptToRecord(task.pendingReceipt as ErasureReceipt | null, outcome.value as ErasureReceipt)
    await completeTask(tx, scope, task, { receipt })
    return { unlisted: [] }
  }
  const artifact = outcome.value as { collections: CollectionArtifact[] }
  const listed = new Set(artifact.collections.map((collection) => collection.object.key))
  await completeTask(tx, scope, task, { artifact })
  return { unlisted: (taskArtifact(task.artifact).collections ?? []).filter((upload) => !listed.has(upload.object.key)) }
}
