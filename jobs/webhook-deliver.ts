// webhook.deliver: one event to one customer endpoint. A refused or failed POST is recorded on
// the delivery and thrown, so pg-boss retries with backoff; webhook.deliver.dead marks it failed.
// A delivery whose endpoint is backing off, or busy in this process, is deferred: it waits in
// the queue without using a retry (endpoint-health.server.ts).
import type PgBoss from 'pg-boss'
import type { Deferral } from '~/modules/jobs/batch.server'
import { log } from '~/modules/observability/log.server'
import type { WebhookJob } from '~/modules/webhooks/emit.server'
import { deliverWebhook, failWebhookDelivery } from '~/modules/webhooks/delivery.server'

export async function deliverWebhookJob(job: PgBoss.Job<WebhookJob>): Promise<void | Deferral> {
  const outcome = await deliverWebhook(job.data)
  if (typeof outcome === 'object') {
    log('info', 'webhook delivery deferred', { job: job.id, deliveryId: job.data.deliveryId, until: outcome.deferUntil.toISOString(), reason: outcome.reason })
    return { deferUntil: outcome.deferUntil }
  }
  log('info', 'webhook job done', { job: job.id, deliveryId: job.data.deliveryId, outcome })
}

export async function failedWebhookJob(job: PgBoss.Job<WebhookJob>): Promise<void> {
  await failWebhookDelivery(job.data)
  log('warn', 'webhook delivery gave up after retries', { deliveryId: job.data.deliveryId })
}
