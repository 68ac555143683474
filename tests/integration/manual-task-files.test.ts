// Issue 12, item 3: a member completing a manual data system's access task attaches files. They
// are judged by their content (a renamed program is refused, whatever its name or declared
// type), held to 10 MB each and 25 MB together, and refused whole: a refused form leaves the
// task waiting, no object stored, no audit entry. Accepted files are stored encrypted, go into
// the export in a folder named after the system, and are deleted once the export holds them,
// or when their request is rejected. The request page's action is called as React Router calls it.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { buildExport } from '~/modules/dsar/export.server'
import { deleteRejectedRequestsTaskData } from '~/modules/dsar/expiry.server'
import { fileRequestByApi } from '~/modules/dsar/file-request.server'
import { addManualSystem } from '~/modules/dsar/privacy-settings.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { TASK_FILES_TOO_LARGE } from '~/modules/dsar/task-upload-limit'
import { rejectRequest } from '~/modules/dsar/workflow.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { action as requestAction } from '~/routes/dashboard/request'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { requestInputFor } from '../support/requests'
import { answerOf, callAction } from '../support/route-call'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const MB = 1024 * 1024
const CSV = 'invoice,date,amount\r\nINV-1,2026-11-02,"1,200.00"\r\nINV-2,2026-11-30,80.00\r\n'
// The first bytes of a Windows program: no accepted kind starts so.
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)])

async function setUp(type: 'access' | 'erasure' = 'access') {
  const { workspace, member } = await makeOwnedWorkspace()
  await addManualSystem(member, { name: 'Billing', instructions: 'Export the customer’s invoices.' }, {})
  const agent = await addMember(workspace.id, 'agent')
  const { token } = await withPlatform((tx) => startSession(tx, agent.userId))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  const filed = await fileRequestByApi(
    { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } },
    { ...requestInputFor({ type }), emailVerified: true },
    { portalOrigin: 'https://portal.example' },
  )
  const tasks = await ownerPool().query<{ id: string; kind: string }>(
    'SELECT t.id, s.kind FROM request_task t JOIN data_system s ON s.id = t.data_system_id WHERE t.request_id = $1',
    [filed.id],
  )
  for (const task of tasks.rows.filter((t) => t.kind === 'built_in')) await runTask({ workspaceId: workspace.id, taskId: task.id })
  const taskId = tasks.rows.find((t) => t.kind === 'manual')!.id
  const complete = async (files: { name: string; bytes: Buffer; type?: string }[], note = 'Exported the invoices from the billing tool.') => {
    const form = new FormData()
    form.set('intent', 'complete_task')
    form.set('taskId', taskId)
    form.set('taskNote', note)
    for (const file of files) form.append('files', new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'text/csv' }))
    return answerOf(
      await callAction(requestAction, {
        path: `/w/${workspace.slug}/requests/${filed.reference}`,
        params: { slug: workspace.slug, reference: filed.reference },
        form,
        headers: { cookie },
      }),
    )
  }
  return { workspace, member, filed, taskId, complete }
}

/** The task's stored objects: what a refused form must not leave behind. */
async function storedObjects(workspaceId: string, taskId: string): Promise<string[]> {
  const folder = path.join(objectStore().location, 'workspaces', workspaceId, 'tasks', taskId)
  return readdir(folder, { recursive: true }).catch(() => [])
}

async function taskRow(taskId: string) {
  const { rows } = await ownerPool().query<{ state: string; artifact: { files?: { name: string; records: number | null; object: { key: string } }[] } | null }>(
    'SELECT state, artifact FROM request_task WHERE id = $1',
    [taskId],
  )
  return rows[0]!
}

const completions = async (workspaceId: string) =>
  (await ownerPool().query(`SELECT 1 FROM audit_entry WHERE workspace_id = $1 AND action = 'request.task.complete'`, [workspaceId])).rowCount

describe('files attached to a manual access task', () => {
  it('are judged by their content and size; a refused form saves nothing at all', async () => {
    const { workspace, taskId, complete } = await setUp()
    const refusals: [string, { name: string; bytes: Buffer; type?: string }[], number, string][] = [
      ['a program named like a table', [{ name: 'invoices.csv', bytes: PROGRAM }], 409, '“invoices.csv” is not a CSV, JSON, PDF, PNG or JPEG file (judged by its content, not its name).'],
      ['a program declared as a PDF', [{ name: 'scan.pdf', bytes: PROGRAM, type: 'application/pdf' }], 409, '“scan.pdf” is not a CSV, JSON, PDF, PNG or JPEG file'],
      ['text holding a NUL byte', [{ name: 'notes.csv', bytes: Buffer.from('a,b\r\n1,\u00002\r\n') }], 409, '“notes.csv” is not a CSV'],
      ['prose, which is no table', [{ name: 'letter.csv', bytes: Buffer.from('Dear customer, thank you.\nWe found nothing.\nRegards') }], 409, '“letter.csv” is not a CSV'],
      ['a good table with a bad file', [{ name: 'good.csv', bytes: Buffer.from(CSV) }, { name: 'photo.png', bytes: PROGRAM }], 409, '“photo.png” is not a CSV'],
      ['a file over 10 MB', [{ name: 'big.csv', bytes: Buffer.from(`a,b\r\n${'1,2\r\n'.repeat((11 * MB) / 5)}`) }], 409, '“big.csv” is 11.0 MB; each file may be at most 10.0 MB.'],
      ['files over 25 MB together', [0, 1, 2].map((i) => ({ name: `part-${i}.csv`, bytes: Buffer.from(`a,b\r\n${'1,2\r\n'.repeat((9 * MB) / 5)}`) })), 400, TASK_FILES_TOO_LARGE],
      ['an empty file', [{ name: 'empty.csv', bytes: Buffer.alloc(0) }], 409, '“empty.csv” is empty.'],
    ]
    for (const [what, files, status, message] of refusals) {
      const answer = await complete(files)
      expect({ what, status: answer.status }).toEqual({ what, status })
      expect((answer.body as { error: string }).error).toContain(message)
      expect((answer.body as { error: string }).error).toMatch(/^(Nothing was saved\.|A task takes)/)
    }
    expect(await taskRow(taskId)).toEqual({ state: 'waiting_for_staff', artifact: null })
    expect(await storedObjects(workspace.id, taskId)).toEqual([])
    expect(await completions(workspace.id)).toBe(0)
  })

  it('are stored encrypted, go into the export as the system’s own folder, and are deleted once the export holds them', async () => {
    const { workspace, filed, taskId, complete } = await setUp()
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    const answer = await complete([
      // A name is not a type: this table was saved as .txt, and is kept as the CSV it is.
      { name: 'invoices.txt', bytes: Buffer.from(CSV), type: 'text/plain' },
      { name: '../../orders.json', bytes: Buffer.from('[{"order":"A-1"},{"order":"A-2"},{"order":"A-3"}]'), type: 'application/octet-stream' },
      { name: 'contract.pdf', bytes: pdf, type: 'application/pdf' },
    ])
    expect(answer.status).toBe(302)
    const task = await taskRow(taskId)
    expect(task.state).toBe('done')
    expect(task.artifact!.files!.map((f) => [f.name, f.records])).toEqual([
      ['invoices.csv', 2],
      ['orders.json', 3],
      ['contract.pdf', null],
    ])
    for (const file of task.artifact!.files!) {
      const chunks: Buffer[] = []
      for await (const chunk of await objectStore().get(file.object.key)) chunks.push(chunk as Buffer)
      const stored = Buffer.concat(chunks)
      expect(stored.includes('INV-1')).toBe(false)
      expect(stored.includes('A-1')).toBe(false)
      expect(stored.includes('%PDF')).toBe(false)
    }
    expect(await completions(workspace.id)).toBe(1)

    await buildExport({ workspaceId: workspace.id, requestId: filed.id })
    const { rows } = await ownerPool().query<{ contents: { files: { system: string; collection: string; rows: number | null; files: string[] }[] } }>(
      'SELECT contents FROM request_export WHERE request_id = $1',
      [filed.id],
    )
    const entries = rows[0]!.contents.files
    expect(entries.filter((e) => e.system === 'Billing (manual)')).toEqual([
      expect.objectContaining({ collection: 'invoices.csv', rows: 2, files: ['Billing (manual)/invoices.csv'] }),
      expect.objectContaining({ collection: 'orders.json', rows: 3, files: ['Billing (manual)/orders.json'] }),
      expect.objectContaining({ collection: 'contract.pdf', rows: null, files: ['Billing (manual)/contract.pdf'] }),
    ])
    // Empty collections are left out: every collection listed holds at least one record.
    expect(entries.every((e) => e.rows === null || e.rows > 0)).toBe(true)
    for (const file of task.artifact!.files!) expect(await objectStore().exists(file.object.key)).toBe(false)
  })

  it('of a rejected request are deleted by the hourly expiry', async () => {
    const { workspace, member, filed, taskId, complete } = await setUp()
    expect((await complete([{ name: 'invoices.csv', bytes: Buffer.from(CSV) }])).status).toBe(302)
    const [file] = (await taskRow(taskId)).artifact!.files!
    await rejectRequest(member, filed.id, { ground: 'excessive', explanation: 'A copy was sent last week.' }, {})
    expect(await deleteRejectedRequestsTaskData()).toBeGreaterThanOrEqual(1)
    expect(await objectStore().exists(file!.object.key)).toBe(false)
    expect((await taskRow(taskId)).artifact).toBeNull()
    const purged = await ownerPool().query(`SELECT 1 FROM audit_entry WHERE workspace_id = $1 AND action = 'request.task.purge'`, [workspace.id])
    // The manual task's files and Candor's own collected records, never assembled, both go.
    expect(purged.rowCount).toBe(2)
  })
})

describe('a manual erasure task', () => {
  it('takes no files, and needs a short statement of what was erased', async () => {
    const { workspace, taskId, complete } = await setUp('erasure')
    const withFile = await complete([{ name: 'invoices.csv', bytes: Buffer.from(CSV) }], 'Deleted the customer.')
    expect(withFile.status).toBe(409)
    expect((withFile.body as { error: string }).error).toBe('An erasure task takes no files: say what was erased instead. Nothing was saved.')
    const long = await complete([], 'x'.repeat(301))
    expect((long.body as { error: string }).error).toContain('at most 300 characters')
    expect(await storedObjects(workspace.id, taskId)).toEqual([])
    expect((await complete([], 'Deleted the customer record and 4 invoices.')).status).toBe(302)
    expect((await taskRow(taskId)).state).toBe('done')
  })
})
