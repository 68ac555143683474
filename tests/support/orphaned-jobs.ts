// A job whose worker died (SIGKILL) stays `active` in pg-boss until its expiry passes (its
// lease, about 45 s after the worker's last renewal, or the queue's expireInSeconds when no
// worker leased it: app/modules/jobs/lease.server.ts); then the supervisor's maintenance fails
// it for a retry, which starts after the queue's retryDelay.
// Tests should not wait that long, and must not shorten the production settings: they move the
// job's own clock instead (started_on back by its expire_in, as if the time had passed), run
// pg-boss's own expiry (the statement every supervising process runs on its maintenance
// interval), and then let the retry's backoff elapse the same way.
import type PgBoss from 'pg-boss'
import { ownerPool } from '~/modules/db/owner.server'
import { BOSS_SCHEMA } from '~/modules/jobs/queues'
import { eventually } from './eventually'

export type JobRow = { id: string; state: string; retry_count: number; output: { value?: { message?: string } } | null }

/** The one job of `queue` whose data has `key` = `value` (e.g. requestId, taskId). */
export async function jobOf(queue: string, key: string, value: string): Promise<JobRow> {
  const { rows } = await ownerPool().query<JobRow>(
    `SELECT id, state, retry_count, output FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND data->>$2 = $3`,
    [queue, key, value],
  )
  if (rows.length !== 1) throw new Error(`expected one ${queue} job with ${key} ${value}, found ${rows.length}`)
  return rows[0]!
}

/** Let the orphaned active job `id` expire now, and its retry become due. */
export async function expireOrphanedJob(boss: PgBoss, queue: string, id: string): Promise<JobRow> {
  const moved = await ownerPool().query(
    `UPDATE ${BOSS_SCHEMA}.job SET started_on = started_on - expire_in - interval '1 second'
      WHERE name = $1 AND id = $2 AND state = 'active'`,
    [queue, id],
  )
  if (moved.rowCount !== 1) throw new Error(`job ${id} is not active`)
  await boss.expire()
  const retried = await eventually(
    async () => {
      const { rows } = await ownerPool().query<JobRow>(
        `SELECT id, state, retry_count, output FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2 AND state = 'retry'`,
        [queue, id],
      )
      return rows[0]
    },
    { what: `job ${id} to be failed by its expiry, for a retry` },
  )
  await ownerPool().query(`UPDATE ${BOSS_SCHEMA}.job SET start_after = now() WHERE name = $1 AND id = $2 AND state = 'retry'`, [queue, id])
  return retried
}
