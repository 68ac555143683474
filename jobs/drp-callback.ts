// drp.callback: tell one Data Rights Protocol agent the request's status now. A refused or
// failed POST is recorded on the request's row and thrown, so pg-boss retries with backoff.
import type PgBoss from 'pg-boss'
import { type DrpCallbackJob, deliverStatusCallback } from '~/modules/drp/status-callback.server'
import { log } from '~/modules/observability/log.server'

export async function drpCallbackJob(job: PgBoss.Job<DrpCallbackJob>): Promise<void> {
  const outcome = await deliverStatusCallback(job.data)
  log('info', 'drp callback job done', { job: job.id, drpRequestId: job.data.drpRequestId, outcome })
}
