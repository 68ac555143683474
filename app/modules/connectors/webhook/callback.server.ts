// A webhook data system answering a task later (decision 036): its token names the task; an
// upload streams one large collection into encrypted storage; the result completes the task
// through finishExternalTask, in one short transaction, exactly as an immediate answer would.
// No session: the token is the only credential, for its own task only, until the request's
// deadline and while the task is not done. Every refusal is a status and a sentence.
import { randomUUID } from 'node:crypto'
import { recordAudit } from '~/modules/audit/record.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { finishExternalTask } from '~/modules/dsar/external-task.server'
import { STOPPED_STATES } from '~/modules/dsar/request-kinds'
import { type CollectionArtifact, collectionPlace, taskArtifact, writeCollection } from '~/modules/dsar/task-artifacts.server'
import { type TaskJob, system } from '~/modules/dsar/tasks.server'
import { parseJsonBody } from '~/modules/http/json-body'
import { objectStore } from '~/modules/storage/object-store.server'
import { MAX_ANSWER_BYTES, parseAnswer } from './answer'
import { MAX_UPLOAD_BYTES } from './callback-body-limit'
import { each, receiptOf } from './connector.server'
import { findTaskToken } from './task-tokens.server'

export type Refusal = { status: number; code: string; message: string }

export class CallbackRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message)
  }
}

const refuse = (status: number, code: string, message: string) => new CallbackRefusal({ status, code, message })

const actor = system('data_system.callback')

/** The task a token may answer, or a refusal: unknown or expired token, another task, done. */
export async function authorizeCallback(token: string | null, taskId: string, now = new Date()): Promise<TaskJob> {
  if (!token) throw refuse(401, 'unauthenticated', 'Send the task’s token as "Authorization: Bearer cdt_…".')
  const found = await findTaskToken(token)
  if (!found) throw refuse(401, 'invalid_token', 'This token is not valid.')
  if (found.expiresAt <= now) throw refuse(401, 'token_expired', `This token expired at the request’s deadline (${found.expiresAt.toISOString()}).`)
  // A token answers for its own task only: another task's id is, for it, a task that does not exist.
  if (found.taskId !== taskId) throw refuse(404, 'not_found', 'There is no task with this id for this token.')
  return { workspaceId: found.workspaceId, taskId: found.taskId }
}

type OpenTask = { mode: 'access' | 'erasure'; systemName: string; uploads: CollectionArtifact[] }

async function openTask(tx: Tx, job: TaskJob): Promise<OpenTask> {
  const task = await tx.requestTask.findUnique({
    where: { id: job.taskId },
    include: { dataSystem: { select: { name: true, kind: true } }, request: { select: { state: true } } },
  })
  if (!task || task.dataSystem.kind !== 'webhook') throw refuse(404, 'not_found', 'There is no task with this id for this token.')
  if (task.state === 'done') throw refuse(409, 'task_done', 'This task is done already; its token no longer works.')
  // A refused or duplicate request is closed, and its subject was told so: it takes no answer.
  if (STOPPED_STATES.includes(task.request.state)) throw refuse(409, 'request_closed', 'The privacy request was rejected or closed as a duplicate: no answer is needed.')
  return { mode: task.mode === 'erasure' ? 'erasure' : 'access', systemName: task.dataSystem.name, uploads: taskArtifact(task.artifact).collections ?? [] }
}

const short = <T>(job: TaskJob, work: (tx: Tx) => Promise<T>) => withTenant({ workspaceId: job.workspaceId, actor }, work)

const deleteObjects = async (artifacts: readonly CollectionArtifact[]) => {
  for (const artifact of artifacts) await objectStore().delete(artifact.object.key)
}

/**
 * Each collection's place has a key of its own (name plus a random part), so a late or repeated
 * answer never overwrites the objects of one already recorded.
 */
const placeFor = (job: TaskJob, name: string) => short(job, (tx) => collectionPlace(tx, job, `${name}-${randomUUID()}`))

/** Complete the task with the answer in `text` (the same JSON as an immediate answer). */
export async function answerTask(job: TaskJob, text: string): Promise<{ mode: 'access' | 'erasure' }> {
  const task = await short(job, (tx) => openTask(tx, job))
  if (task.mode === 'erasure') {
    const answer = parseAnswer('erasure', text)
    if (!answer.ok) throw refuse(400, 'invalid_answer', answer.message)
    const receipt = receiptOf(task.systemName, answer.value)
    if (!(await short(job, (tx) => finishExternalTask(tx, job, { kind: 'done', value: receipt })))) throw refuse(409, 'task_done', 'This task is done already.')
    return task
  }
  const answer = parseAnswer('access', text)
  if (!answer.ok) throw refuse(400, 'invalid_answer', answer.message)
  const uploaded = new Map(task.uploads.map((artifact) => [artifact.name, artifact]))
  for (const collection of answer.value.collections) {
    if (!('rows' in collection) && !uploaded.has(collection.name)) {
      throw refuse(400, 'invalid_answer', `The collection “${collection.name}” is listed as uploaded, but no upload of it arrived.`)
    }
  }
  const collections: CollectionArtifact[] = []
  const written: CollectionArtifact[] = []
  for (const collection of answer.value.collections) {
    const { name, description, fields } = collection
    if ('rows' in collection) {
      const artifact = await writeCollection(await placeFor(job, name), { name, description, fields, rows: each(collection.rows) })
      written.push(artifact)
      collections.push(artifact)
    } else collections.push({ ...uploaded.get(name)!, description, fields: [...fields] })
  }
  const finished = await short(job, (tx) => finishExternalTask(tx, job, { kind: 'done', value: { collections } }))
  if (!finished) {
    await deleteObjects(written)
    throw refuse(409, 'task_done', 'This task is done already.')
  }
  await deleteObjects(finished.unlisted)
  return task
}

const MAX_LINE_BYTES = 1024 * 1024

const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`

/** NDJSON rows from a byte stream: one JSON object per line, each line and the whole capped. */
async function* ndjsonRows(body: AsyncIterable<Uint8Array>): AsyncIterable<Record<string, unknown>> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let total = 0
  let pending = ''
  let line = 0
  const parse = (text: string) => {
    line++
    if (!text.trim()) return null
    const parsed = parseJsonBody(text)
    if (!parsed.ok) throw refuse(400, 'invalid_upload', `Line ${line}: ${parsed.message.replace('The body', 'it')}`)
    const value = parsed.value
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(400, 'invalid_upload', `Line ${line} is not a JSON object.`)
    return value as Record<string, unknown>
  }
  for await (const chunk of body) {
    total += chunk.length
    if (total > MAX_UPLOAD_BYTES) throw refuse(413, 'upload_too_large', `An upload is at most ${megabytes(MAX_UPLOAD_BYTES)}.`)
    let text: string
    try {
      text = decoder.decode(chunk, { stream: true })
    } catch {
      throw refuse(400, 'invalid_upload', 'The upload is not UTF-8 text.')
    }
    const lines = (pending + text).split('\n')
    pending = lines.pop()!
    if (pending.length > MAX_LINE_BYTES) throw refuse(413, 'line_too_large', `Line ${line + 1} is longer than ${megabytes(MAX_LINE_BYTES)}.`)
    for (const text of lines) {
      const row = parse(text)
      if (row) yield row
    }
  }
  const row = parse(pending)
  if (row) yield row
}

/** Store one uploaded collection (replacing an earlier upload of the same name); its row count. */
export async function storeUpload(job: TaskJob, name: string, body: ReadableStream<Uint8Array> | null): Promise<{ rows: number }> {
  const task = await short(job, (tx) => openTask(tx, job))
  if (task.mode !== 'access') throw refuse(409, 'not_an_access_task', 'This is an erasure task: it has no collections to upload.')
  let artifact: CollectionArtifact
  const place = await placeFor(job, name)
  try {
    artifact = await writeCollection(place, { name, description: '', fields: [], rows: ndjsonRows(chunksOf(body)) })
  } catch (error) {
    await objectStore().delete(place.key).catch(() => undefined)
    throw error
  }
  const replaced = await short(job, async (tx) => {
    await tx.$queryRaw`SELECT id FROM request_task WHERE id = ${job.taskId}::uuid FOR UPDATE`
    const current = await openTask(tx, job)
    const others = current.uploads.filter((upload) => upload.name !== name)
    await tx.requestTask.update({ where: { id: job.taskId }, data: { artifact: { collections: [...others, artifact] } } })
    await recordAudit(tx, { workspaceId: job.workspaceId, actor }, {
      action: 'request.task.upload',
      target: { type: 'request_task', id: job.taskId },
      after: { collection: name, rows: artifact.rows },
    })
    return current.uploads.filter((upload) => upload.name === name)
  }).catch(async (error: unknown) => {
    await objectStore().delete(place.key)
    throw error
  })
  await deleteObjects(replaced)
  return { rows: artifact.rows }
}

/** A callback's body as text, read up to MAX_ANSWER_BYTES and never held whole beyond it. */
export async function readAnswerText(body: ReadableStream<Uint8Array> | null): Promise<string> {
  const chunks: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of chunksOf(body)) {
    bytes += chunk.length
    if (bytes > MAX_ANSWER_BYTES) {
      throw refuse(413, 'answer_too_large', `An answer is at most ${megabytes(MAX_ANSWER_BYTES)}: upload large collections to the upload URL, then list them here.`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The token of a callback: `Authorization: Bearer …`, or in the upload URL's `token` parameter. */
export function callbackToken(request: Request, options: { inUrl: boolean }): string | null {
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
  return header ?? (options.inUrl ? new URL(request.url).searchParams.get('token') : null)
}

/** A request body's chunks as they arrive; stopping early cancels the rest of it. */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return
  const reader = body.getReader()
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        finished = true
        return
      }
      yield value
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined)
  }
}
