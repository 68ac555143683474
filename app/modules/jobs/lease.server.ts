// Leases on running jobs, so that the jobs of a worker that died (kill -9, a lost machine) are
// retried within a minute or two rather than when their full expiry ends (an export may run up
// to an hour). pg-boss 10 has no heartbeat: a job is failed by pg-boss's maintenance once
// `started_on + expire_in` has passed. A process that holds jobs keeps moving that moment to
// LEASE_SECONDS ahead, every RENEW_SECONDS, never past the queue's own expiry (which stays the
// bound of one run, also enforced inside pg-boss). When the process dies, the renewals stop and
// the jobs expire about LEASE_SECONDS later; maintenance (every MAINTENANCE_SECONDS) fails them,
// and pg-boss retries them by their queue's policy. Handlers are idempotent (decision 004), so
// a job whose worker was only slow, not dead, is safe to run again.
import type PgBoss from 'pg-boss'
import { errorFields, log } from '~/modules/observability/log.server'
import { BOSS_SCHEMA } from './queues'

export const LEASE_SECONDS = 45
export const RENEW_SECONDS = 15
/** How often pg-boss's maintenance fails expired jobs (its default is 120 s). */
export const MAINTENANCE_SECONDS = 20

export type LeaseHolder = { release: (jobId: string) => void; stop: () => Promise<void> }

const NO_LEASE: LeaseHolder = { release: () => {}, stop: async () => {} }

/**
 * Hold `jobIds` (fetched from `queue`, now active) on a lease until each is released. Jobs whose
 * queue expires within a lease need none: their expiry is already that short.
 */
export function leaseJobs(db: PgBoss.Db, queue: string, jobIds: string[], expireInSeconds: number): LeaseHolder {
  if (expireInSeconds <= LEASE_SECONDS || jobIds.length === 0) return NO_LEASE
  const held = new Set(jobIds)
  let pending: Promise<void> = Promise.resolve()
  const renew = () => {
    if (held.size === 0) return
    pending = db
      .executeSql(
        `UPDATE ${BOSS_SCHEMA}.job
            SET expire_in = LEAST(make_interval(secs => $3), (now() - started_on) + make_interval(secs => $4))
          WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
        [queue, [...held], expireInSeconds, LEASE_SECONDS],
      )
      .then(
        () => {},
        (error) => log('warn', 'could not renew the lease of running jobs', { queue, ...errorFields(error) }),
      )
  }
  renew()
  const timer = setInterval(renew, RENEW_SECONDS * 1000)
  timer.unref()
  return {
    release: (jobId) => held.delete(jobId),
    stop: async () => {
      clearInterval(timer)
      await pending
    },
  }
}
