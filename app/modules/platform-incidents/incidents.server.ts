// The operators' side of platform incidents: declare one, post an update (status, severity,
// text; resolving is an update to "resolved"), publish or unpublish it on Candor's own trust
// page. Each change, its event row, the platform_incident.notify job that carries it to the
// affected workspaces (their audit entries and, for S0/S1, e-mails: notify.server.ts) and the
// platform's audit entry commit in one transaction (decision 028).
import { randomUUID } from 'node:crypto'
import { data } from 'react-router'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type Tx, enterWorkspace, withOperator } from '~/modules/db/tenant.server'
import { platformWorkspaceSlug } from '~/modules/disclosure/platform.server'
import { enqueue } from '~/modules/jobs/queue.server'
import type { DeclareInput, UpdateInput } from './incident-input'

/** An operator's change that the incident's state does not allow, in words for the operator. */
export class PlatformIncidentRefusedError extends Error {}

export type NotifyJob = { eventId: string }

const operatorScope = (operatorId: string, origin: RequestOrigin) =>
  ({ workspaceId: null, actor: { type: 'operator', userId: operatorId }, origin }) as const

/**
 * Candor's own trust page is cached by its workspace's stamp: a published incident that changes
 * must move it, or visitors keep the old page.
 */
async function movePlatformTrustStamp(tx: Tx): Promise<void> {
  const platform = await tx.workspace.findFirst({ where: { slug: platformWorkspaceSlug(), deletedAt: null }, select: { id: true } })
  if (!platform) return
  await enterWorkspace(tx, platform.id)
  await tx.workspace.update({ where: { id: platform.id }, data: { trustStamp: { increment: 1 } } })
  await enterWorkspace(tx, null)
}

/** Declare an incident; returns its id. Refused when a listed workspace does not exist. */
export async function declareIncident(operatorId: string, input: DeclareInput, origin: RequestOrigin): Promise<string> {
  return withOperator(operatorId, async (tx) => {
    const chosen =
      input.affects === 'chosen'
        ? await tx.workspace.findMany({ where: { slug: { in: input.workspaces }, deletedAt: null }, select: { id: true, slug: true } })
        : []
    const unknown = input.affects === 'chosen' ? input.workspaces.filter((slug) => !chosen.some((w) => w.slug === slug)) : []
    if (unknown.length > 0) {
      throw new PlatformIncidentRefusedError(`No open workspace has the address ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : ''}.`)
    }
    const id = randomUUID()
    const published = input.publish === 'yes'
    await tx.platformIncident.create({
      data: {
        id,
        title: input.title,
        description: input.description,
        severity: input.severity,
        status: 'investigating',
        startedAt: input.startedAt,
        affectsAll: input.affects === 'all',
        published,
        declaredBy: operatorId,
      },
    })
    if (chosen.length > 0) await tx.platformIncidentWorkspace.createMany({ data: chosen.map((w) => ({ incidentId: id, workspaceId: w.id })) })
    const eventId = randomUUID()
    await tx.platformIncidentEvent.create({
      data: { id: eventId, incidentId: id, kind: 'declared', status: 'investigating', severity: input.severity, message: input.description, postedBy: operatorId },
    })
    await enqueue(tx, 'platform_incident.notify', { eventId } satisfies NotifyJob)
    if (published) await movePlatformTrustStamp(tx)
    await recordAudit(tx, operatorScope(operatorId, origin), {
      action: 'platform_incident.declare',
      target: { type: 'platform_incident', id },
      after: {
        title: input.title,
        severity: input.severity,
        status: 'investigating',
        startedAt: input.startedAt.toISOString(),
        affects: input.affects === 'all' ? 'all workspaces' : chosen.map((w) => w.slug).sort(),
        published,
      },
    })
    return id
  })
}

/** The incident, locked until the commit (a second operator's change waits, and reads this one's). */
async function lockedIncident(tx: Tx, incidentId: string) {
  await tx.$queryRaw`SELECT id FROM platform_incident WHERE id = ${incidentId}::uuid FOR UPDATE`
  const incident = await tx.platformIncident.findUnique({ where: { id: incidentId } })
  if (!incident) throw data('There is no such incident.', { status: 404 })
  return incident
}

/** Post an update: its text, and the status and severity from now on. */
export async function postUpdate(operatorId: string, incidentId: string, input: UpdateInput, origin: RequestOrigin): Promise<void> {
  await withOperator(operatorId, async (tx) => {
    const before = await lockedIncident(tx, incidentId)
    if (before.status === 'resolved') throw new PlatformIncidentRefusedError('This incident is resolved: it takes no more updates. Declare a new one if the trouble is back.')
    const resolving = input.status === 'resolved'
    await tx.platformIncident.update({
      where: { id: incidentId },
      data: { status: input.status, severity: input.severity, resolvedAt: resolving ? new Date() : null },
    })
    const eventId = randomUUID()
    await tx.platformIncidentEvent.create({
      data: { id: eventId, incidentId, kind: 'update', status: input.status, severity: input.severity, message: input.message, postedBy: operatorId },
    })
    await enqueue(tx, 'platform_incident.notify', { eventId } satisfies NotifyJob)
    if (before.published) await movePlatformTrustStamp(tx)
    await recordAudit(tx, operatorScope(operatorId, origin), {
      action: resolving ? 'platform_incident.resolve' : 'platform_incident.update',
      target: { type: 'platform_incident', id: incidentId },
      before: { status: before.status, severity: before.severity },
      after: { status: input.status, severity: input.severity, update: input.message },
    })
  })
}

/** List the incident on Candor's own trust page, or take it off. */
export async function setPublished(operatorId: string, incidentId: string, publish: boolean, origin: RequestOrigin): Promise<void> {
  await withOperator(operatorId, async (tx) => {
    const before = await lockedIncident(tx, incidentId)
    if (before.published === publish) {
      throw new PlatformIncidentRefusedError(publish ? 'This incident is already on the trust page.' : 'This incident is not on the trust page.')
    }
    await tx.platformIncident.update({ where: { id: incidentId }, data: { published: publish } })
    const eventId = randomUUID()
    await tx.platformIncidentEvent.create({
      data: { id: eventId, incidentId, kind: publish ? 'published' : 'unpublished', status: before.status, severity: before.severity, postedBy: operatorId },
    })
    await enqueue(tx, 'platform_incident.notify', { eventId } satisfies NotifyJob)
    await movePlatformTrustStamp(tx)
    await recordAudit(tx, operatorScope(operatorId, origin), {
      action: publish ? 'platform_incident.publish' : 'platform_incident.unpublish',
      target: { type: 'platform_incident', id: incidentId },
      before: { published: before.published },
      after: { published: publish },
    })
  })
}
