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

type Row = { bucket: number; type: RequestType; received: number; completed: number; on_time: number }

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
  // The 13 instants where the shown months begin and the last one ends, in the workspace's
  // zone, computed once: each row is then placed by a binary search (width_bucket; 1 is the first
  // month, 13 after the last), not by a time-zone conversion per row. Receipts and completions
  // are index ranges on (workspace_id, received_at) and (workspace_id, completed_at).
  const rows = await tx.$queryRaw<Row[]>`
    WITH bounds AS (
      SELECT array_agg(m AT TIME ZONE ${timeZone} ORDER BY m) AS starts
        FROM generate_series(${first}::timestamp, ${first}::timestamp + interval '12 months', interval '1 month') AS m
    ),
    counted AS (
      SELECT width_bucket(r.received_at, b.starts) AS bucket, r.type, 1 AS received, 0 AS completed, 0 AS on_time
        FROM privacy_request r, bounds b
       WHERE r.received_at >= b.starts[1]
      UNION ALL
      SELECT width_bucket(r.completed_at, b.starts), r.type,
             0, 1, CASE WHEN r.due_at IS NULL OR r.completed_at <= r.due_at THEN 1 ELSE 0 END
        FROM privacy_request r, bounds b
       WHERE r.state = 'completed' AND r.completed_at >= b.starts[1]
    )
    SELECT bucket, type::text AS type,
           sum(received)::int AS received, sum(completed)::int AS completed, sum(on_time)::int AS on_time
      FROM counted
     GROUP BY bucket, type`
  const byMonth = new Map(
    months.map((month) => [
      month,
      { month, received: Object.fromEntries(REQUEST_TYPE_KEYS.map((type) => [type, 0])) as Record<RequestType, number>, completed: 0, onTime: 0 },
    ]),
  )
  for (const row of rows) {
    // Bucket 13 is after this month (a clock set wrong somewhere): not part of "the last 12 months".
    const entry = byMonth.get(months[row.bucket - 1] ?? '')
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
