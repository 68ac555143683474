// stripe.reconcile: nightly, every workspace with a Stripe customer synced from Stripe.
import { reconcileStripeCustomers } from '~/modules/billing/reconcile.server'
import { billingEnabled } from '~/modules/config/env.server'
import { log } from '~/modules/observability/log.server'

export async function stripeReconcileJob(): Promise<void> {
  // Self-hosted without Stripe: nothing to reconcile.
  if (!billingEnabled()) return
  const { synced, failed } = await reconcileStripeCustomers()
  log('info', 'stripe reconciliation done', { synced, failed })
  if (failed > 0) throw new Error(`${failed} Stripe customers could not be synced; the run will be tried again`)
}
