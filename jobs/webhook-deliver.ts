// webhook.deliver: one event to one customer endpoint. A refused or failed POST is recorded on
// the delivery and thrown, so pg-boss retries with backoff; webhook.deliver.dead marks it failed.
import type PgBoss from 'pg-boss'
import { log } from '~/modules/observability/log.server'
import type { WebhookJob } from '~/modules/webhooks/emit.server'
import { deliverWebhook, failWebhookDelivery } from '~/modules/webhooks/delivery.server'

export async function deliverWebhookJob(jobs: PgBoss.Job<WebhookJob>[]): Promise<void> {
  for (const job of jobs) {
    const outcome = await deliverWebhook(job.data)
    log('info', 'webhook job done', { job: job.id, deliveryId: job.data.deliveryId, outcome })
  }
}

export async function failedWebhookJob(jobs: PgBoss.Job<WebhookJob>[]): Promise<void> {
  for (const job of jobs) {
    await failWebhookDelivery(job.data)
    log('warn', 'webhook delivery gave up after retries', { deliveryId: job.data.deliveryId })
  }
}
