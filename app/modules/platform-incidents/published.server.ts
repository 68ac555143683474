// The platform incidents operators published, for Candor's own trust page: read through
// app_published_platform_incidents (migration 20261204202000) inside the platform workspace's
// page transaction, where platform rows are otherwise hidden. Title, severity, status, dates and
// updates; nothing says which customers an incident affected.
import type { Tx } from '~/modules/db/tenant.server'
import type { IncidentStatus, Severity } from './incident-input'

export type PublishedIncident = {
  id: string
  title: string
  severity: Severity
  status: IncidentStatus
  startedAt: string
  resolvedAt: string | null
  /** Newest first. */
  updates: { status: IncidentStatus; message: string; postedAt: string }[]
}

export async function publishedPlatformIncidents(tx: Tx): Promise<PublishedIncident[]> {
  const rows = await tx.$queryRaw<
    { id: string; title: string; severity: Severity; status: IncidentStatus; started_at: Date; resolved_at: Date | null; updates: PublishedIncident['updates'] }[]
  >`SELECT * FROM app_published_platform_incidents()`
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    // jsonb keeps the time as PostgreSQL wrote it; the page reads it as a Date like the others.
    updates: row.updates.map((update) => ({ ...update, postedAt: new Date(update.postedAt).toISOString() })),
  }))
}
