// The vulnerability inbox: a workspace's reports with their two clocks, the next deadline
// first, and one report with its timeline. Read inside the caller's tenant transaction.
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import type { Tx } from '~/modules/db/tenant.server'
import { type TimerBadge, localDate, reportTimers } from './deadlines'
import { CLOSED_REPORT_STATES, REPORT_STATE_KEYS, type ReportState } from './report-form'

/** The inbox lists at most this many reports (the newest); vulnerability reports are few. */
export const INBOX_LIMIT = 200

export const inboxQuery = z.object({
  state: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined),
      z.enum(['open', 'all', ...REPORT_STATE_KEYS], 'Choose a state from the list: open, all, or one state such as triaged.').optional(),
    )
    .transform((state) => state ?? 'open'),
})
export type InboxState = z.output<typeof inboxQuery>['state']

export type InboxRow = {
  id: string
  reference: string
  affectedSurface: string
  severity: string
  state: ReportState
  received: string
  /** The deadline that comes next: the acknowledgement while unanswered, else the disclosure. */
  nextDue: number | null
  acknowledgement: TimerBadge | null
  disclosure: TimerBadge | null
}

function whereOf(state: InboxState): Prisma.VulnerabilityReportWhereInput {
  if (state === 'all') return {}
  if (state === 'open') return { state: { notIn: [...CLOSED_REPORT_STATES] } }
  return { state }
}

/** The reports in `state`, the next deadline first (closed ones, which have none, last). */
export async function reportInbox(tx: Tx, state: InboxState, now = new Date()): Promise<{ rows: InboxRow[]; total: number }> {
  const where = whereOf(state)
  const [{ timeZone }, total, reports] = await Promise.all([
    tx.workspace.findFirstOrThrow({ select: { timeZone: true } }),
    tx.vulnerabilityReport.count({ where }),
    tx.vulnerabilityReport.findMany({
      where,
      orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }],
      take: INBOX_LIMIT,
      select: {
        id: true,
        reference: true,
        affectedSurface: true,
        severity: true,
        state: true,
        receivedAt: true,
        acknowledgeBy: true,
        disclosureDueAt: true,
      },
    }),
  ])
  const rows = reports.map((report) => {
    const timers = reportTimers(report, now)
    const closed = CLOSED_REPORT_STATES.includes(report.state)
    return {
      id: report.id,
      reference: report.reference,
      affectedSurface: report.affectedSurface,
      severity: report.severity,
      state: report.state,
      received: localDate(report.receivedAt, timeZone),
      nextDue: closed ? null : (report.state === 'received' ? report.acknowledgeBy : report.disclosureDueAt).getTime(),
      ...timers,
    }
  })
  // Stable sort: closed reports keep their newest-first order at the end.
  rows.sort((a, b) => (a.nextDue === null || b.nextDue === null ? Number(a.nextDue === null) - Number(b.nextDue === null) : a.nextDue - b.nextDue))
  return { rows, total }
}

/** One report of the workspace `tx` works for, with its timeline; null if there is none. */
export async function reportDetail(tx: Tx, reportId: string) {
  return tx.vulnerabilityReport.findUnique({
    where: { id: reportId },
    include: {
      workspace: { select: { name: true, slug: true, timeZone: true } },
      events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { actor: { select: { email: true } } } },
    },
  })
}
