// The Overview's chart: privacy requests received per month by type over the last 12 months,
// and for each month the share of the requests completed in it that were completed by their
// deadline. Months are the workspace's calendar months (its time zone). One aggregate query
// (GROUP BY month, type) does the counting in PostgreSQL: a workspace's requests are never
// loaded as rows for this.
import type { Tx } from '~/modules/db/tenant.server'
import { REQUEST_TYPE_KEYS, type RequestType } from '~/modules/dsar/request-kinds'

export const CHART_MONTHS = 12

export type ChartMonth = {
  /** YYYY-MM in the workspace's time zone. */
  month: string
  received: Record<RequestType, number>
  receivedTotal: number
  /** Requests completed in this month, and how many of them by their deadline. */
  completed: number
  completedOnTime: number
  /** Whole percent of `completed` done on time; null when nothing was completed that month. */
  onTimePercent: number | null
}

export type RequestChart = { timeZone: string; months: ChartMonth[] }

type Row = { month: string; type: RequestType; received: number; completed: number; on_time: number }

/** YYYY-MM of `now` in `timeZone`, then the `count - 1` months before it, oldest first. */
export function monthsUpTo(now: Date, timeZone: string, count = CHART_MONTHS): string[] {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i)
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}

/**
 * The chart's numbers for the workspace `tx` works for. A request counts in the month it was
 * received (its e-mail confirmed); a completion in the month it was completed, on time when it
 * came no later than the deadline that drives the queue (`due_at`), as the live check counts.
 */
export async function requestChart(tx: Tx, { timeZone, now = new Date() }: { timeZone: string; now?: Date }): Promise<RequestChart> {
  const months = monthsUpTo(now, timeZone)
  const first = `${months[0]}-01`
  // Receipts and completions, each counted in its own month; both scans are index ranges on
  // (workspace_id, received_at) and (workspace_id, completed_at).
  const rows = await tx.$queryRaw<Row[]>`
    WITH since AS (SELECT (${first}::timestamp AT TIME ZONE ${timeZone}) AS at),
    counted AS (
      SELECT date_trunc('month', r.received_at AT TIME ZONE ${timeZone}) AS month, r.type,
             1 AS received, 0 AS completed, 0 AS on_time
        FROM privacy_request r, since
       WHERE r.received_at >= since.at
      UNION ALL
      SELECT date_trunc('month', r.completed_at AT TIME ZONE ${timeZone}), r.type,
             0, 1, CASE WHEN r.due_at IS NULL OR r.completed_at <= r.due_at THEN 1 ELSE 0 END
        FROM privacy_request r, since
       WHERE r.state = 'completed' AND r.completed_at >= since.at
    )
    SELECT to_char(month, 'YYYY-MM') AS month, type::text AS type,
           sum(received)::int AS received, sum(completed)::int AS completed, sum(on_time)::int AS on_time
      FROM counted
     GROUP BY month, type`
  const byMonth = new Map(
    months.map((month) => [
      month,
      { month, received: Object.fromEntries(REQUEST_TYPE_KEYS.map((type) => [type, 0])) as Record<RequestType, number>, completed: 0, onTime: 0 },
    ]),
  )
  for (const row of rows) {
    // A month after this one (a clock set wrong somewhere) is not part of "the last 12 months".
    const entry = byMonth.get(row.month)
    if (!entry) continue
    entry.received[row.type] += row.received
    entry.completed += row.completed
    entry.onTime += row.on_time
  }
  return {
    timeZone,
    months: [...byMonth.values()].map(({ month, received, completed, onTime }) => ({
      month,
      received,
      receivedTotal: Object.values(received).reduce((sum, n) => sum + n, 0),
      completed,
      completedOnTime: onTime,
      onTimePercent: completed === 0 ? null : Math.floor((onTime / completed) * 100),
    })),
  }
}
