// A workspace's Stripe customer: created once, before its first checkout, with the workspace id
// in its metadata (how a webhook event finds its way back to the workspace).
import { recordAudit } from '~/modules/audit/record.server'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'
import { stripe } from './stripe.server'

/**
 * The workspace's Stripe customer id, created when it has none. Stripe's idempotency key is the
 * workspace id, so two clicks at once (or a retry after a lost answer) make one customer.
 */
export async function ensureStripeCustomer(ctx: TenantContext): Promise<string> {
  const workspace = await withTenant(ctx, (tx) => tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } }))
  if (workspace.stripeCustomerId) return workspace.stripeCustomerId
  // Outside the transaction: a database transaction never waits on Stripe here.
  const customer = await stripe().customers.create(
    { name: workspace.name, metadata: { workspace_id: workspace.id, workspace_slug: workspace.slug } },
    { idempotencyKey: `candor-customer-${workspace.id}` },
  )
  return withTenant(ctx, async (tx) => {
    // Only where none is set yet: of two at once, the second waits for the first's commit, then
    // matches no row, and reads the id the first stored (the same customer, by idempotency key).
    const { count } = await tx.workspace.updateMany({
      where: { id: ctx.workspaceId, stripeCustomerId: null },
      data: { stripeCustomerId: customer.id },
    })
    if (count === 0) {
      const current = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: { stripeCustomerId: true } })
      return current.stripeCustomerId!
    }
    await recordAudit(tx, ctx, {
      action: 'billing.customer_create',
      target: { type: 'workspace', id: ctx.workspaceId },
      after: { stripeCustomerId: customer.id },
    })
    return customer.id
  })
}
