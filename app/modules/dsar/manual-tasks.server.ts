// A member completes a manual data system's task. For access and portability they attach what
// they took from the system (files checked by their content, encrypted at rest like documents,
// put into the export as that system's collection); for erasure they say what was erased, and
// the erasure statement repeats it. Every file is checked before any is stored, and a stored
// file no task names (the step failed after storing it) is deleted, so nothing is half-written.
import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { encryptStream, fileKey } from '~/modules/crypto/file-encryption.server'
import { withTenant } from '~/modules/db/tenant.server'
import { chain } from '~/modules/storage/chain'
import { objectStore } from '~/modules/storage/object-store.server'
import { REQUEST_STATES, type RequestState, STOPPED_STATES } from './request-kinds'
import { type AttachedFile, deleteArtifacts } from './task-artifacts.server'
import { MAX_TASK_FILES, recogniseTaskFile, taskFileName, taskFileRefusal } from './task-file-types'
import { afterTaskDone } from './tasks.server'
import { addEvent } from './timeline.server'
import { RequestRuleError } from './workflow.server'

const stoppedMessage = (state: RequestState) =>
  state === 'rejected' ? 'This request was rejected: its tasks are closed.' : `This request is ${REQUEST_STATES[state].toLowerCase()}: its tasks are closed.`

/** What was erased is read by the requester in every erasure statement: one short sentence. */
export const MAX_ERASED_STATEMENT = 300

type Checked = { name: string; bytes: Uint8Array; file: Omit<AttachedFile, 'object'> }

/** Check every file by its content, or refuse them all with each reason. */
async function checkFiles(files: File[]): Promise<Checked[]> {
  if (files.length > MAX_TASK_FILES) throw new RequestRuleError(`Attach at most ${MAX_TASK_FILES} files to one task.`)
  const checked: Checked[] = []
  const refusals: string[] = []
  const taken = new Set<string>()
  for (const upload of files) {
    const bytes = new Uint8Array(await upload.arrayBuffer())
    const refusal = taskFileRefusal(upload.name, bytes)
    const recognised = refusal ? null : recogniseTaskFile(bytes)
    if (!recognised) {
      refusals.push(refusal!)
      continue
    }
    const name = uniqueName(taskFileName(upload.name, recognised.type), taken)
    const file = {
      name,
      contentType: recognised.type.contentType,
      label: recognised.type.label,
      bytes: bytes.length,
      records: recognised.records,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    }
    checked.push({ name, bytes, file })
  }
  if (refusals.length > 0) throw new RequestRuleError(`Nothing was saved. ${refusals.join(' ')}`)
  return checked
}

/** "invoices.csv", then "invoices (2).csv": two files of one task never overwrite each other in the ZIP. */
function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.')
  let candidate = name
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, dot)} (${n})${name.slice(dot)}`
  taken.add(candidate.toLowerCase())
  return candidate
}

/** Complete a manual task: `note` says what was done (for erasure, what was erased); `files` go into the export. */
export async function completeManualTask(member: Member, taskId: string, note: string, origin: RequestOrigin, files: File[] = []) {
  const task = await withTenant(member.tenant, (tx) =>
    tx.requestTask.findUnique({ where: { id: taskId }, include: { dataSystem: true, request: true } }),
  )
  if (!task || task.dataSystem.kind !== 'manual') throw new RequestRuleError('There is no such checklist task.')
  if (task.state === 'done') throw new RequestRuleError('This task is already done.')
  if (STOPPED_STATES.includes(task.request.state)) throw new RequestRuleError(stoppedMessage(task.request.state))
  if (task.mode === 'erasure' && files.length > 0) {
    throw new RequestRuleError('An erasure task takes no files: say what was erased instead. Nothing was saved.')
  }
  if (task.mode === 'erasure' && note.length > MAX_ERASED_STATEMENT) {
    throw new RequestRuleError(`Say what was erased in at most ${MAX_ERASED_STATEMENT} characters: the requester reads it in the erasure statement.`)
  }
  const stored = await storeFiles(member, taskId, await checkFiles(files))
  try {
    await recordCompletion(member, taskId, note, stored, origin)
  } catch (error) {
    await deleteArtifacts({ files: stored })
    throw error
  }
}

async function storeFiles(member: Member, taskId: string, checked: Checked[]): Promise<AttachedFile[]> {
  const { workspaceId } = member.tenant
  const placed = checked.map((c) => ({ ...c, key: `workspaces/${workspaceId}/tasks/${taskId}/files/${randomUUID()}` }))
  const keys = await withTenant(member.tenant, async (tx) => Promise.all(placed.map((p) => fileKey(tx, workspaceId, p.key))))
  const stored: AttachedFile[] = []
  try {
    for (const [i, p] of placed.entries()) {
      await objectStore().put(p.key, chain(Readable.from([Buffer.from(p.bytes)]), encryptStream(keys[i]!.key, p.key)))
      stored.push({ ...p.file, object: { key: p.key, encryption: keys[i]!.ref } })
    }
  } catch (error) {
    await deleteArtifacts({ files: stored })
    throw error
  }
  return stored
}

async function recordCompletion(member: Member, taskId: string, note: string, files: AttachedFile[], origin: RequestOrigin) {
  const actorUserId = member.user.id
  await withTenant(member.tenant, async (tx) => {
    await tx.$queryRaw`SELECT id FROM request_task WHERE id = ${taskId}::uuid FOR UPDATE`
    const task = await tx.requestTask.findUniqueOrThrow({ where: { id: taskId }, include: { dataSystem: true, request: true } })
    if (task.state === 'done') throw new RequestRuleError('This task is already done.')
    if (STOPPED_STATES.includes(task.request.state)) throw new RequestRuleError(stoppedMessage(task.request.state))
    const completedAt = new Date()
    const outcome =
      task.mode === 'erasure'
        ? { receipt: { system: task.dataSystem.name, erasedAt: completedAt.toISOString(), items: [{ what: note, count: 1 }] } }
        : // Replaces what an earlier round attached (sent back for assembly again): the export deleted those.
          { artifact: { files } }
    await tx.requestTask.update({
      where: { id: task.id },
      data: { state: 'done', note, completedBy: actorUserId, completedAt, ...outcome },
    })
    const attached = files.length > 0 ? ` Attached: ${files.map((f) => f.name).join(', ')}.` : ''
    await addEvent(tx, task.request, { kind: 'task_done', actorUserId, body: `${task.dataSystem.name}: ${note}${attached}` })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'request.task.complete',
      target: { type: 'request_task', id: task.id },
      before: { state: task.state },
      after: { state: 'done', note, files: files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })) },
    })
    await afterTaskDone(tx, task.request)
  })
}
