// retention.purge (daily, and when an operator asks): what Candor keeps no longer than it says,
// in batches, with the run's counts in retention_purge_run and the platform audit log
// (decision 023). A thrown error is retried by the queue's policy; the run's row already says failed.
import type PgBoss from 'pg-boss'
import { log } from '~/modules/observability/log.server'
import { type PurgeRequest, runRetentionPurge } from '~/modules/retention/purge-run.server'

export async function retentionPurgeJob(job: PgBoss.Job<PurgeRequest>): Promise<void> {
  const run = await runRetentionPurge(job.data ?? {})
  log('info', 'retention purge done', { id: run.id, abandoned: run.abandoned, ...run.counts })
}
