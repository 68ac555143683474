// What the billing page shows: the plan the workspace has now (effectivePlan) and why, the
// Stripe subscription as last synced, and recent invoices read from Stripe.
import type { Member } from '~/modules/auth/member.server'
import { billingEnabled } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { effectivePlan } from './effective-plan'
import { planSentence, subscriptionSentence } from './plan-summary'
import { PLANS, type PlanId } from './plans'
import { stripe } from './stripe.server'

export type InvoiceRow = { id: string; number: string | null; created: Date; amount: string; status: string | null; url: string | null }

export type BillingPage =
  | { billing: 'off'; sentence: string }
  | {
      billing: 'on'
      plan: PlanId
      sentence: string
      subscription: string | null
      syncedAt: Date | null
      /** A live subscription is changed in the portal; without one, the upgrade buttons show. */
      hasLiveSubscription: boolean
      hasCustomer: boolean
      invoices: InvoiceRow[] | 'unavailable'
    }

const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'])

export async function loadBillingPage(member: Member, now = new Date()): Promise<BillingPage> {
  const workspace = await withTenant(member.tenant, (tx) => tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id } }))
  const effective = effectivePlan(workspace, now, billingEnabled())
  if (effective.source === 'self-hosted') return { billing: 'off', sentence: planSentence(effective) }
  return {
    billing: 'on',
    plan: effective.plan,
    sentence: planSentence(effective),
    subscription: subscriptionSentence(workspace, workspace),
    syncedAt: workspace.billingSyncedAt,
    hasLiveSubscription: LIVE.has(workspace.subscriptionStatus ?? ''),
    hasCustomer: workspace.stripeCustomerId !== null,
    invoices: workspace.stripeCustomerId ? await recentInvoices(workspace.stripeCustomerId) : [],
  }
}

/** The customer's last invoices; Stripe being unreachable is said, not a broken page. */
async function recentInvoices(customer: string): Promise<InvoiceRow[] | 'unavailable'> {
  try {
    const { data } = await stripe().invoices.list({ customer, limit: 6 })
    return data.map((invoice) => ({
      id: invoice.id ?? '',
      number: invoice.number,
      created: new Date(invoice.created * 1000),
      amount: new Intl.NumberFormat('en-GB', { style: 'currency', currency: invoice.currency.toUpperCase() }).format(invoice.amount_due / 100),
      status: invoice.status,
      url: invoice.hosted_invoice_url ?? null,
    }))
  } catch (error) {
    log('warn', 'stripe invoices could not be read', errorFields(error))
    return 'unavailable'
  }
}

export const PAID_PLANS = [PLANS.pro, PLANS.business] as const
