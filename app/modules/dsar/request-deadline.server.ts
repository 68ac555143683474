// A stored request's deadlines, from the pure rules in deadlines.ts and the workspace's
// calendar, and the one that drives its badge (kept on the row as due_at so the inbox can filter
// and sort by it). Recomputed whenever something that moves the clock happens.
import type { Tx } from '~/modules/db/tenant.server'
import { type Deadline, type DeadlineBasis, type Deadlines, computeDeadlines } from './deadlines'
import { isHolidayCountry } from './holidays'

export type { Deadline, Deadlines }

/** Every deadline of the request, as the law and the workspace count it today. */
export async function requestDeadlines(tx: Tx, requestId: string, asOf = new Date()): Promise<Deadlines> {
  const request = await tx.privacyRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { workspace: true, pauses: { orderBy: { startedAt: 'asc' } } },
  })
  if (!request.receivedAt) throw new Error('an unconfirmed request has no deadline')
  const { workspace } = request
  return computeDeadlines({
    jurisdiction: request.jurisdiction,
    type: request.type,
    receivedAt: request.receivedAt,
    timeZone: workspace.timeZone,
    holidays: {
      country: workspace.holidayCountry && isHolidayCountry(workspace.holidayCountry) ? workspace.holidayCountry : null,
      custom: workspace.customHolidays,
    },
    pauses: request.pauses.map((p) => ({ from: p.startedAt, to: p.endedAt, reason: p.reason as 'identity' | 'clarification' })),
    extendedAt: request.extendedAt,
    internalTargetDays: workspace.internalTargetDays,
    deadlineBasis: workspace.deadlineBasis as DeadlineBasis,
    asOf,
  })
}

/** Recompute the request's deadlines and store the effective one; returns them all. */
export async function refreshDueAt(tx: Tx, requestId: string): Promise<Deadlines> {
  const deadlines = await requestDeadlines(tx, requestId)
  await tx.privacyRequest.update({ where: { id: requestId }, data: { dueAt: deadlines.effective.endsAt } })
  return deadlines
}

/** "Friday 27 February 2026", the way a person reads a deadline. */
export function formatDeadline(deadline: Deadline): string {
  const [year, month, day] = deadline.date.split('-').map(Number)
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}
