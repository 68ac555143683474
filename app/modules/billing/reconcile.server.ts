// The nightly reconciliation: every workspace with a Stripe customer synced from Stripe, so a
// webhook that never arrived (an outage, a misconfigured endpoint) is made up for within a day.
import { ownerPool } from '~/modules/db/owner.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { syncCustomer } from './sync.server'

/** Customers of open workspaces: the owner's view, since no tenant is set for a platform job. */
async function stripeCustomers(): Promise<string[]> {
  const { rows } = await ownerPool().query<{ id: string }>(
    `SELECT stripe_customer_id AS id FROM workspace
      WHERE stripe_customer_id IS NOT NULL AND deleted_at IS NULL ORDER BY stripe_customer_id`,
  )
  return rows.map((row) => row.id)
}

/** Sync each customer; one failing does not stop the others. Counts what happened. */
export async function reconcileStripeCustomers(): Promise<{ synced: number; failed: number }> {
  let synced = 0
  let failed = 0
  for (const customerId of await stripeCustomers()) {
    try {
      await syncCustomer(customerId)
      synced++
    } catch (error) {
      failed++
      log('error', 'stripe reconciliation failed for a customer', { customerId, ...errorFields(error) })
    }
  }
  return { synced, failed }
}
