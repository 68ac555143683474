// Data systems that Candor connects to (Postgres, webhook): added and changed with their
// settings and secret, and their dataset maps saved as numbered versions. The one way to write
// them, used by the dashboard and the data systems API alike; every change is audited in its
// transaction, and the secret never appears in an audit entry, a log or an answer.
import { randomUUID } from 'node:crypto'
import type { AuditScope } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import { encryptSecret } from '~/modules/crypto/envelope.server'
import type { Tx } from '~/modules/db/tenant.server'
import { dataSystemSecretBinding } from '~/modules/dsar/external-task.server'
import { type DatasetMap, datasetMapSchema } from './dataset-map'
import { type PostgresSettings, type WebhookSettings, postgresSettingsSchema, webhookSettingsSchema } from './settings'

export class DataSystemError extends Error {}

/** `backupRetentionDays`: how long the company keeps this system's backups (declared); null or absent: the workspace's setting. */
export type ConnectedSystemInput = (
  | { kind: 'postgres'; name: string; settings: PostgresSettings; secret: string | null }
  | { kind: 'webhook'; name: string; settings: WebhookSettings; secret: string | null }
) & { backupRetentionDays?: number | null }

type Scope = AuditScope & { workspaceId: string }

const target = (id: string) => ({ type: 'data_system', id })

async function refuseNameClash(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.dataSystem.count({
    where: { archivedAt: null, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  })
  if (clash > 0) throw new DataSystemError(`There is already a data system named “${name}”.`)
}

/** Add a Postgres or webhook system; its secret is sealed to this row before it is stored. */
export async function addConnectedSystem(tx: Tx, scope: Scope, input: ConnectedSystemInput): Promise<{ id: string }> {
  await refuseNameClash(tx, input.name)
  const settings = (input.kind === 'postgres' ? postgresSettingsSchema : webhookSettingsSchema).parse(input.settings)
  const id = randomUUID()
  const secret = input.secret ? await encryptSecret(tx, scope.workspaceId, dataSystemSecretBinding(id), input.secret) : null
  const backupRetentionDays = input.backupRetentionDays ?? null
  await tx.dataSystem.create({ data: { id, workspaceId: scope.workspaceId, name: input.name, kind: input.kind, settings, secret, backupRetentionDays } })
  await recordAudit(tx, scope, {
    action: 'data_system.add',
    target: target(id),
    after: { name: input.name, kind: input.kind, settings, sealed: secret ? 'set' : 'none', backupRetentionDays },
  })
  return { id }
}

/**
 * Change a connected system's name, settings, secret or declared backup retention. `secret:
 * undefined` keeps the stored one; `null` removes it. Returns false when there is no such
 * connected system here.
 */
export async function changeConnectedSystem(
  tx: Tx,
  scope: Scope,
  id: string,
  change: { name?: string; settings?: unknown; secret?: string | null; backupRetentionDays?: number | null },
): Promise<boolean> {
  const system = await tx.dataSystem.findFirst({ where: { id, archivedAt: null, kind: { in: ['postgres', 'webhook'] } } })
  if (!system) return false
  if (change.name !== undefined && change.name !== system.name) await refuseNameClash(tx, change.name, id)
  const schema = system.kind === 'postgres' ? postgresSettingsSchema : webhookSettingsSchema
  const settings = change.settings === undefined ? undefined : schema.parse(change.settings)
  if (settings && system.kind === 'postgres' && system.secret && change.secret === undefined && movesTheLogin(system.settings, settings)) {
    throw new DataSystemError('Give the password again when the host, port, database or user changes: the stored one is never sent to another address.')
  }
  const secret =
    change.secret === undefined ? undefined : change.secret === null ? null : await encryptSecret(tx, scope.workspaceId, dataSystemSecretBinding(id), change.secret)
  const { backupRetentionDays } = change
  await tx.dataSystem.update({ where: { id }, data: { name: change.name, settings, secret, backupRetentionDays } })
  await recordAudit(tx, scope, {
    action: 'data_system.change',
    target: target(id),
    before: { name: system.name, settings: system.settings as object, sealed: system.secret ? 'set' : 'none', backupRetentionDays: system.backupRetentionDays },
    after: {
      name: change.name ?? system.name,
      settings: (settings ?? system.settings) as object,
      sealed: secret === undefined ? (system.secret ? 'set' : 'none') : secret ? 'replaced' : 'none',
      backupRetentionDays: backupRetentionDays === undefined ? system.backupRetentionDays : backupRetentionDays,
    },
  })
  return true
}

/** Whether new Postgres settings point the stored password at another server, database or user. */
function movesTheLogin(stored: unknown, next: object): boolean {
  const before = stored as Record<string, unknown>
  const after = next as Record<string, unknown>
  return (['host', 'port', 'database', 'user'] as const).some((key) => String(before[key]) !== String(after[key]))
}

/** The latest saved map of a system, with its version; null before the first save. */
export async function currentMap(tx: Tx, dataSystemId: string): Promise<{ version: number; map: DatasetMap } | null> {
  const row = await tx.dataSystemMap.findFirst({ where: { dataSystemId }, orderBy: { version: 'desc' } })
  return row ? { version: row.version, map: datasetMapSchema.parse(row.map) } : null
}

/** Save a reviewed map as the system's next version (concurrent saves get distinct numbers or fail). */
export async function saveMap(tx: Tx, scope: Scope, dataSystemId: string, input: unknown): Promise<{ version: number }> {
  const map = datasetMapSchema.parse(input)
  const system = await tx.dataSystem.findFirst({ where: { id: dataSystemId, archivedAt: null, kind: 'postgres' } })
  if (!system) throw new DataSystemError('There is no such Postgres data system in this workspace.')
  await tx.$queryRaw`SELECT id FROM data_system WHERE id = ${dataSystemId}::uuid FOR UPDATE`
  const latest = await tx.dataSystemMap.findFirst({ where: { dataSystemId }, orderBy: { version: 'desc' }, select: { version: true } })
  const version = (latest?.version ?? 0) + 1
  const savedBy = scope.actor.type === 'user' ? scope.actor.userId : null
  await tx.dataSystemMap.create({ data: { id: randomUUID(), workspaceId: scope.workspaceId, dataSystemId, version, map, savedBy } })
  const included = map.tables.filter((t) => t.included)
  await recordAudit(tx, scope, {
    action: 'data_system.map_save',
    target: target(dataSystemId),
    after: {
      version,
      tables: included.map((t) => `${t.schema}.${t.name}`),
      identityColumns: included.flatMap((t) => t.columns.filter((c) => c.identity).map((c) => `${t.schema}.${t.name}.${c.name}`)),
      references: map.references.length,
    },
  })
  return { version }
}
