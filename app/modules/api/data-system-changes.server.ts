// What the data systems API does, each call in one tenant transaction: list and read systems,
// add one (with its first dataset map), change one (settings merged, a new map version only when
// the map differs, archive). Writes go through the same functions as the dashboard
// (connectors/data-systems.server.ts for connected systems, dsar/privacy-settings.server.ts for
// manual ones), so the rules and the audit entries are the same whoever makes the change.
import type { z } from 'zod'
import { canonicalJson } from '~/modules/audit/hash-chain'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { addConnectedSystem, changeConnectedSystem, currentMap, saveMap } from '~/modules/connectors/data-systems.server'
import { datasetMapSchema } from '~/modules/connectors/dataset-map'
import { postgresSettingsSchema, webhookSettingsSchema } from '~/modules/connectors/settings'
import { newSigningSecret } from '~/modules/connectors/webhook/signature.server'
import { type TenantContext, type Tx, withTenant } from '~/modules/db/tenant.server'
import { archiveDataSystem, changeManualSystem, createManualSystem } from '~/modules/dsar/privacy-settings.server'
import {
  type ChangeDataSystemBody,
  type CreateDataSystemBody,
  type DataSystemResource,
  issueFields,
  toDataSystemResource,
} from './data-systems-api.server'

/** Input that is valid JSON for the endpoint but wrong for this system: answered 400 with its fields. */
export class DataSystemInputError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields).join(' '))
  }
}

async function mapVersions(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.dataSystemMap.groupBy({ by: ['dataSystemId'], _max: { version: true } })
  return new Map(rows.map((row) => [row.dataSystemId, row._max.version ?? 0]))
}

/** The workspace's active data systems, oldest first (Candor's own comes first). */
export async function listDataSystems(tenant: TenantContext): Promise<DataSystemResource[]> {
  return withTenant(tenant, async (tx) => {
    const [systems, versions] = await Promise.all([
      tx.dataSystem.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      mapVersions(tx),
    ])
    return systems.map((system) => toDataSystemResource(system, versions.get(system.id) ?? null))
  })
}

async function readIn(tx: Tx, id: string) {
  const system = await tx.dataSystem.findUnique({ where: { id } })
  if (!system) return null
  const map = system.kind === 'postgres' ? await currentMap(tx, id) : null
  return { ...toDataSystemResource(system, map?.version ?? null), map: map?.map ?? null }
}

/** One system of the workspace (archived ones too), with its current map; null when there is none here. */
export async function readDataSystem(tenant: TenantContext, id: string) {
  return withTenant(tenant, (tx) => readIn(tx, id))
}

/** Add a system; returns it, and the signing secret Candor generated (once, never again). */
export async function createDataSystem(tenant: TenantContext, body: CreateDataSystemBody, origin: RequestOrigin) {
  const scope = { ...tenant, origin }
  return withTenant(tenant, async (tx) => {
    let generatedSecret: string | null = null
    let id: string
    if (body.kind === 'manual') {
      ;({ id } = await createManualSystem(tx, scope, body))
    } else if (body.kind === 'webhook') {
      if (body.secret === undefined) generatedSecret = newSigningSecret()
      ;({ id } = await addConnectedSystem(tx, scope, { ...body, secret: body.secret ?? generatedSecret }))
    } else {
      ;({ id } = await addConnectedSystem(tx, scope, { ...body, secret: body.secret ?? null }))
      if (body.map) await saveMap(tx, scope, id, body.map)
    }
    return { system: (await readIn(tx, id))!, generatedSecret }
  })
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new DataSystemInputError(issueFields(result.error, [field]))
  return result.data
}

function refuse(field: string, message: string): never {
  throw new DataSystemInputError({ [field]: message })
}

/**
 * Apply a change; returns the system as it is afterwards, with `mapSaved` (the new version, or
 * null when no map was sent or it equals the current one), or null when there is no such system.
 */
export async function changeDataSystem(tenant: TenantContext, id: string, body: ChangeDataSystemBody, origin: RequestOrigin) {
  const scope = { ...tenant, origin }
  return withTenant(tenant, async (tx) => {
    const system = await tx.dataSystem.findUnique({ where: { id } })
    if (!system) return null
    if (system.archivedAt) throw new DataSystemInputError({ archived: `“${system.name}” is archived; it cannot be changed.` })
    if (system.kind === 'built_in' && Object.keys(body).length > 0) {
      refuse('body', 'Candor’s own data system cannot be changed or archived: it holds what Candor knows about each requester.')
    }
    let mapSaved: number | null = null
    if (system.kind === 'manual') {
      for (const field of ['settings', 'secret', 'map'] as const) {
        if (body[field] !== undefined) refuse(field, 'A manual system has no connection settings, secret or dataset map.')
      }
      await changeManualSystem(tx, scope, id, body)
    } else if (system.kind === 'postgres' || system.kind === 'webhook') {
      if (body.instructions !== undefined) refuse('instructions', 'Instructions are for manual systems; this one Candor reaches itself.')
      if (body.map !== undefined && system.kind !== 'postgres') refuse('map', 'Only a Postgres system has a dataset map.')
      const schema = system.kind === 'postgres' ? postgresSettingsSchema : webhookSettingsSchema
      const settings = body.settings && parsed(schema, { ...(system.settings as object), ...body.settings }, 'settings')
      const map = body.map === undefined ? undefined : parsed(datasetMapSchema, body.map, 'map')
      // Only what differs is written: the same PATCH sent twice leaves one audit entry.
      const change = {
        name: body.name !== system.name ? body.name : undefined,
        settings: settings && canonicalJson(settings) !== canonicalJson(system.settings) ? settings : undefined,
        secret: body.secret,
        backupRetentionDays: body.backupRetentionDays !== system.backupRetentionDays ? body.backupRetentionDays : undefined,
      }
      if (Object.values(change).some((value) => value !== undefined)) await changeConnectedSystem(tx, scope, id, change)
      if (map) {
        const current = await currentMap(tx, id)
        if (!current || canonicalJson(current.map) !== canonicalJson(map)) mapSaved = (await saveMap(tx, scope, id, map)).version
      }
    }
    if (body.archived) await archiveDataSystem(tx, scope, id)
    return { system: (await readIn(tx, id))!, mapSaved }
  })
}
