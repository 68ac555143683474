// An export's object is stored before its row is written: a database that fails in between
// leaves an object nothing refers to. The hourly expiry removes such objects once they have been
// idle for an hour, and never an export a row refers to or one written a moment ago (a build in
// progress writes its object before its row).
import { randomUUID } from 'node:crypto'
import { utimes } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { buildExport, deleteUnreferencedExports } from '~/modules/dsar/export.server'
import { runTask } from '~/modules/dsar/tasks.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { objectStore } from '~/modules/storage/object-store.server'
import { makeWorkspace } from '../support/factories'
import { receivedRequest } from '../support/requests'

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const HOUR = 60 * 60 * 1000

/** Make the object at `key` look last written `ms` ago (the local store, as these tests use). */
async function ageObject(key: string, ms: number) {
  const when = new Date(Date.now() - ms)
  await utimes(path.join(objectStore().location, key), when, when)
}

it('removes an idle export object that no row refers to, and keeps the rest', async () => {
  const { workspace } = await makeWorkspace()
  const request = await receivedRequest(workspace.id, { type: 'access' })
  const { rows: tasks } = await ownerPool().query<{ id: string }>('SELECT id FROM request_task WHERE request_id = $1', [request.id])
  for (const task of tasks) await runTask({ workspaceId: workspace.id, taskId: task.id })
  await buildExport({ workspaceId: workspace.id, requestId: request.id })
  const { rows } = await ownerPool().query<{ key: string }>(`SELECT object->>'key' AS key FROM request_export WHERE request_id = $1`, [request.id])
  const recorded = rows[0]!.key

  // What a build leaves when the database fails after its object is stored: no row.
  const orphan = `workspaces/${workspace.id}/exports/${randomUUID()}.zip`
  const building = `workspaces/${workspace.id}/exports/${randomUUID()}.zip`
  for (const key of [orphan, building]) await objectStore().put(key, Readable.from([Buffer.from('encrypted zip')]))
  await ageObject(orphan, 2 * HOUR)
  await ageObject(recorded, 2 * HOUR)

  expect(await deleteUnreferencedExports(HOUR)).toBe(1)
  expect(await objectStore().exists(orphan)).toBe(false)
  expect(await objectStore().exists(recorded)).toBe(true)
  expect(await objectStore().exists(building)).toBe(true)
})
