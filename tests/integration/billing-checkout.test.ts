// Checkout and the Customer Portal against the Stripe stand-in: one Stripe customer per
// workspace (with its id in the metadata), Checkout in subscription mode with tax ids, a second
// subscription refused, and each step audited in the workspace's log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureStripeCustomer } from '~/modules/billing/customer.server'
import { openPortal, startCheckout } from '~/modules/billing/checkout.server'
import { loadBillingPage } from '~/modules/billing/billing-page.server'
import { syncCustomer } from '~/modules/billing/sync.server'
import { ownerPool } from '~/modules/db/owner.server'
import { makeOwnedWorkspace } from '../support/factories'
import { STRIPE_TEST_PRICES, STRIPE_TEST_WEBHOOK_SECRET, YEARLY_TEST_PRICES, stripeEnv, workspaceWithCustomer } from '../support/stripe-billing'
import { type StripeStandIn, startStripeStandIn } from '../support/stripe-stand-in'

let standIn: StripeStandIn
const origin = { ip: '203.0.113.9', userAgent: 'vitest' }

beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: STRIPE_TEST_WEBHOOK_SECRET, yearlyPrices: YEARLY_TEST_PRICES })
  Object.assign(process.env, stripeEnv(standIn.url))
})
afterAll(() => standIn.close())

async function billingAudit(workspaceId: string) {
  const { rows } = await ownerPool().query<{ action: string; after: Record<string, unknown> | null; ip: string | null }>(
    `SELECT action, after, ip FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'billing.%' ORDER BY seq`,
    [workspaceId],
  )
  return rows
}

describe('the Stripe customer of a workspace', () => {
  it('is created once, even when asked twice at the same time, with the workspace id in its metadata', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const [a, b] = await Promise.all([ensureStripeCustomer(member.tenant), ensureStripeCustomer(member.tenant)])
    expect(a).toBe(b)
    expect(await ensureStripeCustomer(member.tenant)).toBe(a)
    expect(standIn.customers.get(a)?.metadata).toEqual({ workspace_id: workspace.id, workspace_slug: workspace.slug })
    expect([...standIn.customers.values()].filter((c) => (c.metadata as Record<string, string>).workspace_id === workspace.id)).toHaveLength(1)
    expect((await billingAudit(workspace.id)).map((entry) => entry.action)).toEqual(['billing.customer_create'])
  })
})

describe('Checkout', () => {
  it('opens a subscription-mode session for the chosen price, with tax ids, back to the billing page', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const outcome = await startCheckout(member, { plan: 'business', interval: 'year' }, origin)
    if (outcome.kind !== 'checkout') throw new Error(`expected a checkout, got ${outcome.kind}`)
    const id = new URL(outcome.url).pathname.split('/').pop()!
    const session = standIn.checkoutSessions.get(id)!
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: workspace.id,
      line_items: { 0: { price: STRIPE_TEST_PRICES.STRIPE_PRICE_BUSINESS_YEARLY, quantity: '1' } },
      tax_id_collection: { enabled: 'true' },
      success_url: `http://127.0.0.1:3000/w/${workspace.slug}/settings/billing?checkout={CHECKOUT_SESSION_ID}`,
    })
    expect((await billingAudit(workspace.id)).at(-1)).toEqual({
      action: 'billing.checkout_start',
      after: { plan: 'business', interval: 'year', checkoutSession: id },
      ip: origin.ip,
    })
  })

  it('is refused to a customer who already has a live subscription', async () => {
    const w = await workspaceWithCustomer(standIn, { price: STRIPE_TEST_PRICES.STRIPE_PRICE_PRO_MONTHLY, status: 'past_due' })
    const sessionsBefore = standIn.checkoutSessions.size
    expect(await startCheckout(w.member, { plan: 'pro', interval: 'month' }, origin)).toEqual({ kind: 'has_subscription' })
    expect(standIn.checkoutSessions.size).toBe(sessionsBefore)
    // Once it has ended, a new one may start.
    standIn.setStatus(w.subscriptionId!, 'canceled')
    expect((await startCheckout(w.member, { plan: 'pro', interval: 'month' }, origin)).kind).toBe('checkout')
  })
})

describe('the billing page and the portal', () => {
  it('shows the synced subscription and its invoices, and opens the portal audited', async () => {
    const w = await workspaceWithCustomer(standIn, { price: STRIPE_TEST_PRICES.STRIPE_PRICE_PRO_YEARLY, status: 'active' })
    standIn.setPeriodEnd(w.subscriptionId!, new Date('2027-06-30T09:00:00Z'))
    await syncCustomer(w.customerId)
    const page = await loadBillingPage(w.member)
    expect(page).toMatchObject({
      billing: 'on',
      plan: 'pro',
      sentence: 'Pro, through the workspace’s subscription.',
      subscription: 'Stripe subscription to Pro, billed yearly: active. It renews on 30 June 2027.',
      hasLiveSubscription: true,
    })
    if (page.billing !== 'on' || page.invoices === 'unavailable') throw new Error('expected invoices')
    expect(page.invoices).toEqual([expect.objectContaining({ amount: '€990.00', status: 'paid', number: expect.stringMatching(/^CANDOR-\d{4}$/) })])
    const url = await openPortal(w.member, origin)
    expect(url).toMatch(new RegExp(`^${standIn.url}/portal/bps_`))
    expect((await billingAudit(w.workspace.id)).at(-1)).toMatchObject({ action: 'billing.portal_open', ip: origin.ip })
  })

  it('says so when Stripe cannot be reached for the invoices', async () => {
    const w = await workspaceWithCustomer(standIn, null)
    // The plan comes from the database and still shows: a new workspace's Pro trial.
    standIn.setOutage(true)
    try {
      const page = await loadBillingPage(w.member)
      expect(page).toMatchObject({ billing: 'on', sentence: expect.stringMatching(/^Pro trial until .+, without a card\.$/), invoices: 'unavailable' })
    } finally {
      standIn.setOutage(false)
    }
  })
})
