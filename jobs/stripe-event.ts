// stripe.event: one verified Stripe webhook event, applied by re-reading the customer from
// Stripe (billing/sync.server.ts). A failure is recorded on the event and retried.
import type PgBoss from 'pg-boss'
import { processStripeEvent } from '~/modules/billing/stripe-events.server'

export async function stripeEventJob(job: PgBoss.Job<{ eventId: string }>): Promise<void> {
  await processStripeEvent(job.data.eventId)
}
