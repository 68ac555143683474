// What each audit entry is about, named and linked to its page in the dashboard where it has
// one that the reader may open, and only while the object still exists (a link never leads to
// a 404): one query per kind of object on the page.
import type { Permission } from '~/modules/auth/permissions'
import type { Tx } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'
import { objectTypeName } from './object-types'

export type TargetView = { label: string; href: string | null }

type Found = { label: string; path: string | null }
type Resolver = {
  /** What the reader needs to open the page the link leads to. */
  permission: Permission
  load: (tx: Tx, ids: string[]) => Promise<Map<string, Found>>
  /** The object's name once it no longer exists. */
  gone: string
}

type RequestRow = { id: string; reference: string; state: string }
const requestFound = (request: RequestRow): Found => ({
  label: `request ${request.reference}`,
  // An unconfirmed request is not on the desk yet: its page answers 404.
  path: request.state === 'unverified' ? null : `/requests/${request.reference}`,
})
const REQUEST = { select: { id: true, reference: true, state: true } } as const

const byId = <T extends { id: string }>(rows: T[], found: (row: T) => Found) =>
  new Map(rows.map((row) => [row.id, found(row)]))

/** A request's part (a task, its export, an attachment), named and linked as its request. */
const viaRequest = (rows: { id: string; request: RequestRow }[]) => byId(rows, (row) => requestFound(row.request))

const RESOLVERS: Record<string, Resolver> = {
  privacy_request: {
    permission: 'requests.view',
    load: async (tx, ids) => byId(await tx.privacyRequest.findMany({ where: { id: { in: ids } }, ...REQUEST }), requestFound),
    gone: 'a request no longer in the workspace',
  },
  request_task: {
    permission: 'requests.view',
    load: async (tx, ids) =>
      viaRequest(await tx.requestTask.findMany({ where: { id: { in: ids } }, select: { id: true, request: REQUEST } })),
    gone: 'a request no longer in the workspace',
  },
  request_export: {
    permission: 'requests.view',
    load: async (tx, ids) =>
      viaRequest(await tx.requestExport.findMany({ where: { id: { in: ids } }, select: { id: true, request: REQUEST } })),
    gone: 'a request no longer in the workspace',
  },
  requester_attachment: {
    permission: 'requests.view',
    load: async (tx, ids) =>
      viaRequest(await tx.requesterAttachment.findMany({ where: { id: { in: ids } }, select: { id: true, request: REQUEST } })),
    gone: 'a request no longer in the workspace',
  },
  incident: {
    permission: 'incidents.view',
    load: async (tx, ids) =>
      byId(await tx.incident.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true } }), (row) => ({
        label: `incident ${row.reference}`,
        path: `/incidents/${row.id}`,
      })),
    gone: 'an incident no longer in the workspace',
  },
  vulnerability_report: {
    permission: 'security.reports',
    load: async (tx, ids) =>
      byId(
        await tx.vulnerabilityReport.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true } }),
        (row) => ({ label: `report ${row.reference}`, path: `/security/${row.id}` }),
      ),
    gone: 'a report no longer in the workspace',
  },
  trust_document: {
    permission: 'trust.documents',
    load: async (tx, ids) =>
      byId(
        await tx.trustDocument.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, removedAt: true } }),
        (row) => ({ label: `“${row.title}”`, path: row.removedAt ? null : `/documents/${row.id}` }),
      ),
    gone: 'a document no longer in the workspace',
  },
  data_system: {
    permission: 'privacy.manage',
    load: async (tx, ids) =>
      byId(
        await tx.dataSystem.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, kind: true, archivedAt: true },
        }),
        // Only a PostgreSQL system has a page of its own; the others are edited in the list.
        (row) => ({
          label: `“${row.name}”`,
          path: row.archivedAt ? null : row.kind === 'postgres' ? `/data-systems/${row.id}` : '/privacy#systems',
        }),
      ),
    gone: 'a data system no longer in the workspace',
  },
  membership: {
    permission: 'members.view',
    load: async (tx, ids) =>
      byId(
        await tx.membership.findMany({ where: { id: { in: ids } }, select: { id: true, user: { select: { name: true, email: true } } } }),
        (row) => ({ label: row.user.name?.trim() || row.user.email, path: '/members' }),
      ),
    gone: 'a former member',
  },
  api_key: {
    permission: 'api_keys.manage',
    load: async (tx, ids) =>
      byId(await tx.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (row) => ({
        label: `“${row.name}”`,
        path: '/api-keys',
      })),
    gone: 'a deleted API key',
  },
  drp_agent: {
    permission: 'api_keys.manage',
    load: async (tx, ids) =>
      byId(await tx.drpAgent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (row) => ({
        label: `“${row.name}”`,
        path: '/drp-agents',
      })),
    gone: 'an agent no longer in the workspace',
  },
  subprocessor: {
    permission: 'trust.edit',
    load: async (tx, ids) =>
      byId(await tx.subprocessor.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (row) => ({
        label: row.name,
        path: '/subprocessors',
      })),
    gone: 'a sub-processor no longer listed',
  },
  reply_template: {
    permission: 'privacy.manage',
    load: async (tx, ids) =>
      byId(await tx.replyTemplate.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (row) => ({
        label: `“${row.name}”`,
        path: null,
      })),
    gone: 'a deleted template',
  },
}

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`

type TargetRef = { targetType: string | null; targetId: string | null }

/**
 * A function naming each entry's object (null: the entry has none), linked under `base`
 * (/w/:slug) where the reader `may` open its page.
 */
export async function targetViews(
  tx: Tx,
  entries: TargetRef[],
  base: string,
  may: (permission: Permission) => boolean,
): Promise<(entry: TargetRef) => TargetView | null> {
  const found = new Map<string, Found>()
  await Promise.all(
    Object.entries(RESOLVERS).map(async ([type, resolver]) => {
      const ids = [
        ...new Set(entries.filter((e) => e.targetType === type && isUuid(e.targetId ?? '')).map((e) => e.targetId!)),
      ]
      if (ids.length === 0) return
      for (const [id, object] of await resolver.load(tx, ids)) found.set(`${type}:${id}`, object)
    }),
  )
  return ({ targetType, targetId }) => {
    if (!targetType) return null
    const resolver = Object.hasOwn(RESOLVERS, targetType) ? RESOLVERS[targetType] : undefined
    if (!resolver) return { label: withArticle(objectTypeName(targetType)), href: null }
    const object = found.get(`${targetType}:${targetId}`)
    if (!object) return { label: resolver.gone, href: null }
    return { label: object.label, href: object.path && may(resolver.permission) ? `${base}${object.path}` : null }
  }
}
