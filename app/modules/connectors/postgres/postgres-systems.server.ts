// What the dashboard does with a Postgres data system, for a member: connect one, change its
// connection, test it, read the map under review with its drift and GRANT script, save a map.
// Work in the customer's database (connecting, reading the catalogue) never runs inside a
// transaction of Candor's: a short transaction opens the stored secret, the work happens
// outside it, and changes are written through data-systems.server.ts (sealed, audited).
import type { Member } from '~/modules/auth/member.server'
import { decryptSecret } from '~/modules/crypto/envelope.server'
import { withTenant } from '~/modules/db/tenant.server'
import { dataSystemSecretBinding } from '~/modules/dsar/external-task.server'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { currentSubjectHasher } from '~/modules/crypto/subject-hash.server'
import { addConnectedSystem, changeConnectedSystem, currentMap, saveMap } from '../data-systems.server'
import type { DatasetMap } from '../dataset-map'
import { type PostgresSettings, settingsOf } from '../settings'
import type { Catalog } from './catalog'
import { discoverCatalog } from './catalog.server'
import type { ConnectionInput } from './connection-form'
import { type ConnectionTest, testConnection } from './connection-test.server'
import { type DryRunResult, dryRun } from './dry-run.server'
import { grantScript } from './grant-script'
import { type MapDrift, compareWithCatalog } from './map-drift'
import { type MapUnderReview, mapUnderReview } from './map-review'

const scopeOf = (member: Member, origin: RequestOrigin) => ({ ...member.tenant, origin })

export async function connectPostgresSystem(member: Member, input: ConnectionInput, origin: RequestOrigin): Promise<{ id: string }> {
  return withTenant(member.tenant, (tx) =>
    addConnectedSystem(tx, scopeOf(member, origin), { kind: 'postgres', name: input.name, settings: input.settings, secret: input.password }),
  )
}

/** A new connection for a system; no password given keeps the stored one. False: no such Postgres system here. */
export async function changePostgresConnection(member: Member, id: string, input: ConnectionInput, origin: RequestOrigin): Promise<boolean> {
  return withTenant(member.tenant, async (tx) => {
    const system = await tx.dataSystem.findFirst({ where: { id, kind: 'postgres', archivedAt: null }, select: { id: true } })
    if (!system) return false
    return changeConnectedSystem(tx, scopeOf(member, origin), id, { name: input.name, settings: input.settings, secret: input.password ?? undefined })
  })
}

type Stored = { id: string; name: string; settings: PostgresSettings; password: string | null; saved: { version: number; map: DatasetMap } | null }

async function stored(member: Member, id: string): Promise<(Stored & { versions: { version: number; savedAt: Date; savedBy: string | null }[] }) | null> {
  return withTenant(member.tenant, async (tx) => {
    const system = await tx.dataSystem.findFirst({ where: { id, kind: 'postgres', archivedAt: null } })
    if (!system) return null
    const password = system.secret ? await decryptSecret(tx, member.workspace.id, dataSystemSecretBinding(id), system.secret) : null
    const versions = await tx.dataSystemMap.findMany({
      where: { dataSystemId: id },
      orderBy: { version: 'desc' },
      select: { version: true, savedAt: true, saver: { select: { name: true, email: true } } },
    })
    return {
      id,
      name: system.name,
      settings: settingsOf('postgres', system.settings),
      password,
      saved: await currentMap(tx, id),
      versions: versions.map((v) => ({ version: v.version, savedAt: v.savedAt, savedBy: v.saver ? (v.saver.name ?? v.saver.email) : null })),
    }
  })
}

/** "Test connection" with the stored settings and password, checked against the saved map. Null: no such system. */
export async function testStoredConnection(member: Member, id: string): Promise<ConnectionTest | null> {
  const system = await stored(member, id)
  return system ? testConnection(system.settings, system.password, system.saved?.map ?? null) : null
}

export type PostgresSystemPage = {
  id: string
  name: string
  settings: PostgresSettings
  hasPassword: boolean
  /** Why the database's catalogue could not be read now; null when it was. */
  discoveryError: string | null
  saved: { version: number } | null
  review: MapUnderReview | null
  drift: MapDrift | null
  grantScript: string
  versions: { version: number; savedAt: Date; savedBy: string | null }[]
}

export async function postgresSystemPage(member: Member, id: string): Promise<PostgresSystemPage | null> {
  const system = await stored(member, id)
  if (!system) return null
  const discovered = await discoverCatalog(system.settings, system.password)
  const catalog: Catalog | null = 'catalog' in discovered ? discovered.catalog : null
  return {
    id,
    name: system.name,
    settings: system.settings,
    hasPassword: system.password !== null,
    discoveryError: 'error' in discovered ? discovered.error : null,
    saved: system.saved ? { version: system.saved.version } : null,
    review: mapUnderReview(system.saved?.map ?? null, catalog),
    drift: system.saved && catalog ? compareWithCatalog(system.saved.map, catalog) : null,
    grantScript: grantScript({
      database: system.settings.database,
      map: system.saved?.map ?? null,
      schemas: catalog ? [...new Set(catalog.tables.map((t) => t.schema))] : [],
    }),
    versions: system.versions,
  }
}

export async function saveReviewedMap(member: Member, id: string, map: DatasetMap, origin: RequestOrigin): Promise<{ version: number }> {
  return withTenant(member.tenant, (tx) => saveMap(tx, scopeOf(member, origin), id, map))
}

/** The dry run of the saved map for a test e-mail (nothing changes in the database). Null: no such system. */
export async function dryRunStored(member: Member, id: string, email: string, origin: RequestOrigin): Promise<(DryRunResult & { version: number | null }) | null> {
  const system = await stored(member, id)
  if (!system) return null
  if (!system.saved) return { ok: false, error: 'Save a version of the dataset map first: the dry run shows what that version would do.', version: null }
  // A dry run looks a person up in the customer's database: who did, and for whom (as a keyed
  // hash, so the log holds no e-mail address), is recorded before the look-up.
  const hasher = await currentSubjectHasher()
  await withTenant(member.tenant, (tx) =>
    recordAudit(tx, { ...member.tenant, origin }, {
      action: 'data_system.dry_run',
      target: { type: 'data_system', id },
      after: { mapVersion: system.saved!.version, subject: `hmac ${hasher.version} ${hasher.hashEmail(email)}` },
    }),
  )
  return { ...(await dryRun({ settings: system.settings, password: system.password, map: system.saved.map, email })), version: system.saved.version }
}
