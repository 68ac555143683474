// A workspace with a Postgres data system connected to a scratch customer database (its map
// saved as a member would), and privacy request tasks for it, as the connector's tests and
// benchmark need them.
import { randomUUID } from 'node:crypto'
import { faker } from '@faker-js/faker'
import { addConnectedSystem, saveMap } from '~/modules/connectors/data-systems.server'
import type { DatasetMap } from '~/modules/connectors/dataset-map'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { settingsOf } from './customer-connection'
import { makeWorkspace } from './factories'

export async function connectedPostgresSystem(url: string, map: DatasetMap | null) {
  const { workspace } = await makeWorkspace()
  const scope = { workspaceId: workspace.id, actor: { type: 'system', reason: 'test' } as const }
  const { settings, password } = settingsOf(url)
  const { id } = await withTenant(scope, (tx) => addConnectedSystem(tx, scope, { kind: 'postgres', name: 'Shop database', settings, secret: password }))
  if (map) await withTenant(scope, (tx) => saveMap(tx, scope, id, map))
  return { workspaceId: workspace.id, systemId: id, scope }
}

/** An in-progress request of `type` from `email`, with its one task in the system; the task's job. */
export async function taskFor(system: { workspaceId: string; systemId: string }, email: string, type: 'access' | 'erasure') {
  const requestId = randomUUID()
  const taskId = randomUUID()
  await ownerPool().query(
    `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship, portal_origin, received_at, due_at)
     VALUES ($1, $2, $3, $4, 'gdpr', 'in_progress', $5, $6, 'customer', 'https://portal.example', now(), now() + interval '30 days')`,
    [requestId, system.workspaceId, `R-${faker.string.alphanumeric({ length: 10, casing: 'upper' })}`, type, faker.person.fullName(), email],
  )
  await ownerPool().query(`INSERT INTO request_task (id, workspace_id, request_id, data_system_id, mode) VALUES ($1, $2, $3, $4, $5)`, [
    taskId,
    system.workspaceId,
    requestId,
    system.systemId,
    type === 'access' ? 'access' : 'erasure',
  ])
  return { workspaceId: system.workspaceId, taskId, requestId }
}

export async function taskRow(taskId: string) {
  return (await ownerPool().query('SELECT state, last_error, receipt, artifact, pending_receipt FROM request_task WHERE id = $1', [taskId])).rows[0]
}
