// Stripe's webhook events: verified, stored once by id, then processed by the stripe.event job
// through syncCustomer. The event's payload is not kept: the sync re-reads Stripe.
import type Stripe from 'stripe'
import { withPlatform } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { env } from '~/modules/config/env.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { syncCustomer } from './sync.server'
import { stripe } from './stripe.server'

/** Stripe's events are a few kilobytes; anything near this is not one. */
export const STRIPE_EVENT_MAX_BYTES = 512 * 1024

export type Receipt = { status: 200 | 400; message: string }

/** The customer an event is about: the object itself, or the customer it names. */
export function customerOfEvent(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string; customer?: string | { id: string } | null }
  if (object.object === 'customer') return object.id ?? null
  if (typeof object.customer === 'string') return object.customer
  return object.customer?.id ?? null
}

/**
 * Verify `payload` against its Stripe-Signature header; store the event once by its id and queue
 * its processing in the same transaction. A repeat of a stored event changes nothing.
 */
export async function receiveStripeEvent(payload: string, signature: string | null): Promise<Receipt> {
  let event: Stripe.Event
  try {
    if (!signature) throw new Error('no signature')
    event = stripe().webhooks.constructEvent(payload, signature, env().STRIPE_WEBHOOK_SECRET ?? '')
  } catch {
    return { status: 400, message: 'The Stripe signature does not match this payload.' }
  }
  const customerId = customerOfEvent(event)
  const stored = await withPlatform(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO stripe_event (id, type, customer_id, stripe_created_at, processed_at)
      VALUES (${event.id}, ${event.type}, ${customerId}, ${new Date(event.created * 1000)},
              ${customerId ? null : new Date()})
      ON CONFLICT (id) DO NOTHING
      RETURNING id`
    // An event about no customer has nothing to sync: stored as processed.
    if (rows.length > 0 && customerId) await enqueue(tx, 'stripe.event', { eventId: event.id })
    return rows.length > 0
  })
  return { status: 200, message: stored ? 'Stored.' : 'Already stored.' }
}

/** The stripe.event job: sync the event's customer, marking the event processed with it. */
export async function processStripeEvent(eventId: string): Promise<void> {
  const event = await withPlatform((tx) => tx.stripeEvent.findUnique({ where: { id: eventId } }))
  if (!event || event.processedAt || !event.customerId) return
  try {
    await syncCustomer(event.customerId, { event: { id: event.id, type: event.type, receivedAt: event.receivedAt } })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await withPlatform((tx) => tx.stripeEvent.update({ where: { id: eventId }, data: { error: message.slice(0, 500) } }))
    log('warn', 'stripe event not processed yet', { eventId, ...errorFields(error) })
    throw error
  }
}
