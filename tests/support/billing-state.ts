// Billing state for tests, written straight into the workspace's billing columns (what the
// Stripe sync writes in production).
import type { PlanId } from '~/modules/billing/plans'
import { ownerPool } from '~/modules/db/owner.server'

export type BillingColumns = {
  subscribedPlan?: PlanId | null
  subscriptionStatus?: string | null
  pastDueSince?: Date | null
  trialEndsAt?: Date | null
  grantedPlan?: PlanId | null
  grantedUntil?: Date | null
}

/** Set the workspace's billing columns; those not given are cleared (no subscription, trial or grant). */
export async function setBilling(workspaceId: string, columns: BillingColumns): Promise<void> {
  await ownerPool().query(
    `UPDATE workspace SET subscribed_plan = $2, subscription_status = $3, past_due_since = $4, trial_ends_at = $5,
            granted_plan = $6, granted_until = $7
      WHERE id = $1`,
    [
      workspaceId,
      columns.subscribedPlan ?? null,
      columns.subscriptionStatus ?? null,
      columns.pastDueSince ?? null,
      columns.trialEndsAt ?? null,
      columns.grantedPlan ?? null,
      columns.grantedUntil ?? null,
    ],
  )
}

/** An active subscription to `plan`. */
export const subscribe = (workspaceId: string, plan: PlanId) =>
  setBilling(workspaceId, { subscribedPlan: plan, subscriptionStatus: 'active' })
