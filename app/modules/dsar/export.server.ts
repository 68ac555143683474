// The export of an access or portability request (the `dsar.export` job): one ZIP with a
// summary page and, per data system and collection, a JSON and a CSV file (empty collections
// left out), and the files members attached to manual systems' tasks, in a folder per system. Written as a stream
// (never whole in memory), encrypted on its way to object storage under a fixed key, so a job
// that crashed and runs again replaces the half-written object; only a complete object ever
// gets its request_export row, and the row is written once per assembly (an object whose row was
// never written, the database having failed in between, is swept later). The export then waits
// for review (export-review.server.ts): nothing reaches the requester before it is released.
import { PassThrough, type Readable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { type AuditScope, recordAudit } from '~/modules/audit/record.server'
import { decryptStream, encryptStream, fileKey, openFileKey, type FileKeyRef } from '~/modules/crypto/file-encryption.server'
import { ownerPool } from '~/modules/db/owner.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { chain } from '~/modules/storage/chain'
import { objectStore } from '~/modules/storage/object-store.server'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import { csvFromLines, jsonArrayFromLines, summaryHtml, summarySections } from './export-files'
import { type ExportContents, afterExportAssembled } from './export-review.server'
import { CLOSED_STATES, REQUEST_TYPES } from './request-kinds'
import {
  type AttachedFile,
  type CollectionArtifact,
  type TaskArtifact,
  artifactKey,
  deleteArtifacts,
  readAttachedFile,
  readCollectionLines,
  taskArtifact,
} from './task-artifacts.server'
import { addEvent } from './timeline.server'
import type { ExportJob } from './tasks.server'
import { TASK_ORDER } from './erasure-statement'

export type ExportObject = { key: string; encryption: FileKeyRef }

const system = { type: 'system', reason: 'dsar.export' } as const
const safeName = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'system'

type Source = { system: string; artifact: CollectionArtifact; secret: Buffer }

/**
 * Deflate's fastest level for the collections: half the CPU of the default level 6 on exported
 * rows, for a ZIP about 3% larger (repetitive text compresses as well either way).
 */
const FAST_DEFLATE = { compressionLevel: 1 }
type Attachment = { folder: string; file: AttachedFile; secret: Buffer }

/** A manual system's folder in the ZIP, named as staff and the requester know it: "Billing (manual)". */
const manualFolder = (system: string) => `${system.replace(/[\\/:*?"<>|]+/g, '-').replace(/^[. ]+|[. ]+$/g, '') || 'system'} (manual)`

export async function buildExport(job: ExportJob): Promise<void> {
  const ctx = { workspaceId: job.workspaceId, actor: system }
  const plan = await withTenant(ctx, async (tx) => {
    const request = await tx.privacyRequest.findUnique({
      where: { id: job.requestId },
      include: { workspace: true, export: true, tasks: { include: { dataSystem: true }, orderBy: TASK_ORDER } },
    })
    if (!request || !request.receivedAt) return null
    const stored = request.tasks.map((task) => ({ task, artifact: taskArtifact(task.artifact) }))
    // Built already (a job that ran again after a crash): only the clean-up may be left to do.
    // An export a reviewer sent back (discarded before release) is replaced by the next assembly.
    const sentBack = request.export && request.export.deletedAt && !request.export.releasedAt
    if (request.export && !sentBack) return { done: true as const, stored: stored.map((s) => s.artifact) }
    const assembly = request.export ? request.export.assembly + 1 : 1
    const sources: Source[] = []
    const attachments: Attachment[] = []
    for (const { task, artifact } of stored) {
      // An empty collection says nothing the summary does not: it is left out of the ZIP.
      for (const collection of (artifact.collections ?? []).filter((c) => c.rows > 0)) {
        sources.push({ system: task.dataSystem.name, artifact: collection, secret: await artifactKey(tx, job.workspaceId, collection) })
      }
      for (const file of artifact.files ?? []) {
        attachments.push({ folder: manualFolder(task.dataSystem.name), file, secret: await artifactKey(tx, job.workspaceId, file) })
      }
    }
    // Each assembly has its own name: deleting a sent-back one can never remove its successor.
    const key = `workspaces/${job.workspaceId}/exports/${request.id}${assembly > 1 ? `-${assembly}` : ''}.zip`
    const [profile, recipients, encryption] = await Promise.all([
      tx.privacyProfile.findUnique({ where: { workspaceId: job.workspaceId } }),
      tx.subprocessor.findMany({ orderBy: { name: 'asc' } }),
      fileKey(tx, job.workspaceId, key),
    ])
    const company = request.workspace.name
    const summaryInput = {
      company,
      reference: request.reference,
      requestType: REQUEST_TYPES[request.type].label,
      receivedAt: request.receivedAt.toISOString().slice(0, 10),
      generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
      profile: {
        controller: profile?.controller ?? '',
        purposes: profile?.purposes ?? '',
        dataCategories: profile?.dataCategories ?? '',
        retention: profile?.retention ?? '',
        sources: profile?.sources ?? '',
        automatedDecisions: profile?.automatedDecisions ?? '',
        transfers: profile?.transfers ?? '',
        supervisoryAuthority: profile?.supervisoryAuthority ?? '',
        contact: profile?.contact ?? '',
      },
      recipients,
      files: [
        ...sources.map((s) => {
          const path = `${safeName(s.system)}/${s.artifact.name}`
          return { system: s.system, collection: s.artifact.name, description: s.artifact.description, rows: s.artifact.rows, files: [`${path}.json`, `${path}.csv`] }
        }),
        ...attachments.map((a) => ({
          system: a.folder,
          collection: a.file.name,
          description: `A ${a.file.label} that ${company}’s staff copied from this system for your request.`,
          rows: a.file.records,
          bytes: a.file.bytes,
          files: [`${a.folder}/${a.file.name}`],
        })),
      ],
    }
    const contents: ExportContents = { files: summaryInput.files, summary: summarySections(summaryInput) }
    return {
      done: false as const,
      request,
      sources,
      attachments,
      stored: stored.map((s) => s.artifact),
      summary: summaryHtml(summaryInput),
      contents,
      assembly,
      key,
      encryption,
    }
  })
  if (!plan) return
  if (plan.done) return deleteEach(plan.stored)

  const zip = new yazl.ZipFile()
  const ciphertext = new PassThrough()
  // yazl does not pass on the errors of lazily opened entries (a collection that fails to
  // decrypt): fail the whole write with it, so the store discards the partial object.
  zip.on('error', (error: Error) => ciphertext.destroy(error))
  const lines = (source: Source, into: () => Transform) => (done: (error: null, stream: Readable) => void) => {
    readCollectionLines(source.artifact, source.secret).then(
      (plain) => done(null, chain(plain, into()).on('error', (error) => zip.emit('error', error))),
      (error: Error) => zip.emit('error', error),
    )
  }
  zip.addBuffer(Buffer.from(plan.summary), 'summary.html')
  for (const source of plan.sources) {
    const path = `${safeName(source.system)}/${source.artifact.name}`
    zip.addReadStreamLazy(`${path}.json`, FAST_DEFLATE, lines(source, () => jsonArrayFromLines()))
    zip.addReadStreamLazy(`${path}.csv`, FAST_DEFLATE, lines(source, () => csvFromLines(source.artifact.fields)))
  }
  for (const { folder, file, secret } of plan.attachments) {
    zip.addReadStreamLazy(`${folder}/${file.name}`, (done) => {
      readAttachedFile(file, secret).then(
        (stream) => done(null, stream.on('error', (error) => zip.emit('error', error))),
        (error: Error) => zip.emit('error', error),
      )
    })
  }
  zip.end()
  const [{ bytes }] = await Promise.all([
    objectStore().put(plan.key, ciphertext),
    pipeline(zip.outputStream, encryptStream(plan.encryption.key, plan.key), ciphertext),
  ])

  await withTenant(ctx, async (tx) => {
    await tx.$queryRaw`SELECT id FROM privacy_request WHERE id = ${job.requestId}::uuid FOR UPDATE`
    const existing = await tx.requestExport.findUnique({ where: { requestId: job.requestId } })
    if (existing && existing.assembly >= plan.assembly) return
    // Not downloadable yet: no release and no expiry until a member (or the workspace's
    // automatic release) sends it to the requester.
    const fields = {
      object: { key: plan.key, encryption: plan.encryption.ref } satisfies ExportObject,
      bytes,
      contents: plan.contents,
      assembly: plan.assembly,
    }
    const exported = existing
      ? await tx.requestExport.update({
          where: { id: existing.id },
          data: { ...fields, createdAt: new Date(), deletedAt: null, downloads: 0 },
        })
      : await tx.requestExport.create({ data: { workspaceId: job.workspaceId, requestId: job.requestId, ...fields } })
    await recordAudit(tx, ctx, {
      action: 'request.export.create',
      target: { type: 'request_export', id: exported.id },
      after: { requestId: job.requestId, bytes, assembly: plan.assembly },
    })
    await afterExportAssembled(tx, ctx, plan.request, exported)
  })
  await deleteEach(plan.stored)
}

async function deleteEach(stored: TaskArtifact[]) {
  for (const artifact of stored) await deleteArtifacts(artifact)
}

/** The export's plaintext stream for a download, after the caller checked who asks. */
export async function openExport(tx: Tx, workspaceId: string, object: ExportObject) {
  const secret = await openFileKey(tx, workspaceId, object.key, object.encryption)
  return async () => chain(await objectStore().get(object.key), decryptStream(secret, object.key))
}

/**
 * Delete exports past their 7 days, and exports never sent because their request was rejected or
 * closed as a duplicate (an unreleased export has no expiry): the object first, then the row is marked.
 */
export async function deleteExpiredExports(now = new Date()): Promise<number> {
  const { rows } = await ownerPool().query<{ id: string; workspace_id: string; object: ExportObject }>(
    `SELECT e.id, e.workspace_id, e.object FROM request_export e JOIN privacy_request r ON r.id = e.request_id
      WHERE e.deleted_at IS NULL AND (e.expires_at < $1 OR (e.released_at IS NULL AND r.state IN ('rejected', 'duplicate')))
      LIMIT 1000`,
    [now],
  )
  for (const row of rows) {
    await objectStore().delete(row.object.key)
    const ctx = { workspaceId: row.workspace_id, actor: { type: 'system', reason: 'dsar.expire' } as const }
    await withTenant(ctx, async (tx) => {
      await tx.requestExport.update({ where: { id: row.id }, data: { deletedAt: now } })
      await recordAudit(tx, ctx, { action: 'request.export.delete', target: { type: 'request_export', id: row.id } })
    })
  }
  return rows.length
}

/**
 * Delete export objects that no export row refers to, once untouched for `olderThanMs`. The
 * object is stored before its row is written (a ZIP is too large for a transaction): a database
 * that fails in between leaves an object nothing refers to. A job still building that export
 * writes its object again before its row, so the age spares every build in progress.
 */
export async function deleteUnreferencedExports(olderThanMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
  const { rows: workspaces } = await ownerPool().query<{ id: string }>('SELECT id FROM workspace')
  let removed = 0
  for (const { id } of workspaces) {
    const idle: string[] = []
    for await (const object of objectStore().list(`workspaces/${id}/exports/`)) {
      if (now - object.writtenAt.getTime() >= olderThanMs) idle.push(object.key)
    }
    if (idle.length === 0) continue
    const { rows } = await ownerPool().query<{ key: string }>(
      `SELECT object->>'key' AS key FROM request_export WHERE workspace_id = $1 AND deleted_at IS NULL AND object->>'key' = ANY($2)`,
      [id, idle],
    )
    const referenced = new Set(rows.map((row) => row.key))
    for (const key of idle.filter((key) => !referenced.has(key))) {
      await objectStore().delete(key)
      removed++
    }
  }
  return removed
}

/** A member asks for a failed export to be built again. */
export async function retryExport(tx: Tx, scope: AuditScope & { workspaceId: string }, requestId: string): Promise<boolean> {
  const request = await tx.privacyRequest.findUnique({ where: { id: requestId }, include: { export: true } })
  const sentBack = request?.export?.deletedAt && !request.export.releasedAt
  if (!request || (request.export && !sentBack) || request.state !== 'needs_attention') return false
  const failedTasks = await tx.requestTask.count({ where: { requestId, state: { not: 'done' } } })
  if (failedTasks > 0) return false
  await tx.privacyRequest.update({ where: { id: requestId }, data: { state: 'in_progress', attentionReason: null } })
  await emitRequestEvent(tx, request, 'request.state_changed')
  await enqueue(tx, 'dsar.export', { workspaceId: scope.workspaceId, requestId } satisfies ExportJob, { singletonKey: requestId })
  await addEvent(tx, request, { kind: 'export_retried', actorUserId: scope.actor.type === 'user' ? scope.actor.userId : null })
  await recordAudit(tx, scope, {
    action: 'request.export.retry',
    target: { type: 'privacy_request', id: requestId },
    before: { state: 'needs_attention' },
    after: { state: 'in_progress' },
  })
  return true
}

/** The export gave up (dead-letter queue): the request needs attention. */
export async function failExport(job: ExportJob): Promise<void> {
  const ctx = { workspaceId: job.workspaceId, actor: system }
  await withTenant(ctx, async (tx) => {
    const request = await tx.privacyRequest.findUnique({ where: { id: job.requestId } })
    if (!request || CLOSED_STATES.includes(request.state)) return
    const reason = 'The export could not be built; it was retried several times. Check the storage settings, then retry.'
    await tx.privacyRequest.update({ where: { id: request.id }, data: { state: 'needs_attention', attentionReason: reason } })
    await emitRequestEvent(tx, request, 'request.state_changed')
    await addEvent(tx, request, { kind: 'export_failed', body: reason })
    await recordAudit(tx, ctx, {
      action: 'request.export.fail',
      target: { type: 'privacy_request', id: request.id },
      before: { state: request.state },
      after: { state: 'needs_attention' },
    })
  })
}
