// Stripe's webhook endpoint: the raw body verified with STRIPE_WEBHOOK_SECRET, each event stored
// once and processed by the stripe.event job. Without billing (no STRIPE_SECRET_KEY) there is
// no such endpoint. Exempt from the same-origin check (like every /webhooks path): the
// signature is the proof of origin.
import { STRIPE_EVENT_MAX_BYTES, receiveStripeEvent } from '~/modules/billing/stripe-events.server'
import { billingEnabled } from '~/modules/config/env.server'
import type { Route } from './+types/stripe'

export async function action({ request }: Route.ActionArgs) {
  if (!billingEnabled()) return answer(404, 'Billing is off on this installation.')
  if (request.method !== 'POST') return answer(405, 'Stripe events are sent with POST.')
  const tooLarge = () => answer(413, 'The event is too large.')
  if (Number(request.headers.get('content-length') ?? 0) > STRIPE_EVENT_MAX_BYTES) return tooLarge()
  // The signature covers the exact bytes: the body is read as text, never re-serialised.
  const payload = await request.text()
  if (Buffer.byteLength(payload) > STRIPE_EVENT_MAX_BYTES) return tooLarge()
  const receipt = await receiveStripeEvent(payload, request.headers.get('stripe-signature'))
  return answer(receipt.status, receipt.message)
}

export function loader() {
  return billingEnabled() ? answer(405, 'Stripe events are sent with POST.') : answer(404, 'Billing is off on this installation.')
}

function answer(status: number, message: string) {
  return Response.json(status < 300 ? { received: true, message } : { error: message }, { status })
}
