// The incidents of the Candor service that affect a workspace, as its dashboard shows them:
// open ones, and resolved ones for three days after, each with its newest update. Read through
// app_platform_incidents_here (migration 20261204202000), which shows a workspace only these
// columns of the incidents that concern it, computed at the moment of the read.
import type { Tx } from '~/modules/db/tenant.server'
import type { IncidentStatus, Severity } from './incident-input'

/** How long a resolved incident stays on the dashboard, so members see how it ended. */
export const SHOWN_AFTER_RESOLUTION_MS = 72 * 60 * 60 * 1000

export type IncidentHere = {
  id: string
  title: string
  severity: Severity
  status: IncidentStatus
  startedAt: Date
  resolvedAt: Date | null
  lastMessage: string
  lastPostedAt: Date
}

/** In a transaction working for one workspace (withTenant). */
export async function incidentsHere(tx: Tx, now = new Date()): Promise<IncidentHere[]> {
  const since = new Date(now.getTime() - SHOWN_AFTER_RESOLUTION_MS)
  const rows = await tx.$queryRaw<
    { id: string; title: string; severity: Severity; status: IncidentStatus; started_at: Date; resolved_at: Date | null; last_message: string; last_posted_at: Date }[]
  >`SELECT * FROM app_platform_incidents_here(${since}::timestamptz)`
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    startedAt: row.started_at,
    resolvedAt: row.resolved_at,
    lastMessage: row.last_message,
    lastPostedAt: row.last_posted_at,
  }))
}
