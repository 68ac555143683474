// What the operator console shows of platform incidents: the list, and one incident with its
// events and how far each event got (workspaces told and e-mails queued, counted from the
// notice rows now, against the workspaces affected now).
import { data } from 'react-router'
import { ownerPool } from '~/modules/db/owner.server'
import { withOperator } from '~/modules/db/tenant.server'
import { isUuid } from '~/modules/formats/uuid'

/** How many incidents the list shows, newest first. */
const LISTED = 100

export async function incidentsList(operatorId: string) {
  const incidents = await withOperator(operatorId, (tx) =>
    tx.platformIncident.findMany({
      orderBy: { declaredAt: 'desc' },
      take: LISTED,
      select: {
        id: true,
        title: true,
        severity: true,
        status: true,
        startedAt: true,
        resolvedAt: true,
        affectsAll: true,
        published: true,
        _count: { select: { workspaces: true } },
      },
    }),
  )
  return incidents.map(({ _count, ...incident }) => ({ ...incident, chosenWorkspaces: _count.workspaces }))
}

export async function incidentDetail(operatorId: string, incidentId: string) {
  if (!isUuid(incidentId)) throw data('There is no such incident.', { status: 404 })
  const found = await withOperator(operatorId, async (tx) => {
    const incident = await tx.platformIncident.findUnique({
      where: { id: incidentId },
      include: {
        declarer: { select: { email: true } },
        events: { orderBy: [{ postedAt: 'asc' }, { id: 'asc' }], include: { poster: { select: { email: true } } } },
        workspaces: { select: { workspace: { select: { slug: true, deletedAt: true } } } },
      },
    })
    if (!incident) return null
    const affectedNow = incident.affectsAll
      ? await tx.workspace.count({ where: { deletedAt: null } })
      : incident.workspaces.filter((w) => w.workspace.deletedAt === null).length
    return { incident, affectedNow }
  })
  if (!found) throw data('There is no such incident.', { status: 404 })
  const { incident, affectedNow } = found
  // The notice rows belong to the workspaces (row-level security keeps them from an operator's
  // transaction); only their counts are read here, as the owner.
  const { rows } = await ownerPool().query<{ event_id: string; workspaces: number; emails: number }>(
    `SELECT event_id, count(*)::int AS workspaces, coalesce(sum(recipients), 0)::int AS emails
       FROM platform_incident_notice WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
    [incident.events.map((e) => e.id)],
  )
  const reached = new Map(rows.map((row) => [row.event_id, { workspaces: row.workspaces, emails: row.emails }]))
  return {
    id: incident.id,
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    status: incident.status,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    declaredAt: incident.declaredAt,
    declaredBy: incident.declarer?.email ?? 'a former operator',
    published: incident.published,
    affectsAll: incident.affectsAll,
    chosen: incident.workspaces.map((w) => ({ slug: w.workspace.slug, deleted: w.workspace.deletedAt !== null })).sort((a, b) => a.slug.localeCompare(b.slug)),
    affectedNow,
    events: incident.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      status: e.status,
      severity: e.severity,
      message: e.message,
      postedAt: e.postedAt,
      postedBy: e.poster?.email ?? 'a former operator',
      reached: reached.get(e.id) ?? { workspaces: 0, emails: 0 },
    })),
  }
}

export type IncidentDetail = Awaited<ReturnType<typeof incidentDetail>>
export type IncidentListItem = Awaited<ReturnType<typeof incidentsList>>[number]
