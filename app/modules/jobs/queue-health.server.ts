// What the operator console shows of the job queues: per queue, what is due and waiting, what
// is scheduled for later (a retry's backoff, a deferral), what is running, what failed for good
// in the last 24 hours, and how long the oldest due job has waited. Read at the moment the page
// is asked for, from pg-boss's table (the owner connection: the app role cannot read jobs).
import { ownerPool } from '~/modules/db/owner.server'
import { BOSS_SCHEMA, QUEUES, deadLetterQueue } from './queues'

export type QueueHealth = {
  name: string
  due: number
  later: number
  running: number
  failedLastDay: number
  /** Seconds the oldest due job has waited past its start time; null when none is due. */
  oldestDueSeconds: number | null
}

export async function queueHealth(): Promise<QueueHealth[]> {
  const names = QUEUES.flatMap((queue) => [queue.name, deadLetterQueue(queue.name)])
  const { rows } = await ownerPool().query<{
    name: string
    due: number
    later: number
    running: number
    failed_last_day: number
    oldest_due_seconds: number | null
  }>(
    `SELECT name,
            count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS due,
            count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS later,
            count(*) FILTER (WHERE state = 'active')::int AS running,
            count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '24 hours')::int AS failed_last_day,
            extract(epoch FROM now() - min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()))::float8
              AS oldest_due_seconds
       FROM ${BOSS_SCHEMA}.job
      WHERE name = ANY($1::text[])
      GROUP BY name`,
    [names],
  )
  const byName = new Map(rows.map((row) => [row.name, row]))
  return names.map((name) => {
    const row = byName.get(name)
    return {
      name,
      due: row?.due ?? 0,
      later: row?.later ?? 0,
      running: row?.running ?? 0,
      failedLastDay: row?.failed_last_day ?? 0,
      oldestDueSeconds: row?.oldest_due_seconds == null ? null : Math.round(row.oldest_due_seconds),
    }
  })
}
