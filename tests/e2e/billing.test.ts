// Billing in a browser against the Stripe stand-in: an owner upgrades through Checkout and comes
// back on Pro (synced at once, without waiting for the webhook), then reaches the Customer
// Portal; a member without billing.manage is refused the page and its actions.
import { afterAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { STRIPE_TEST_WEBHOOK_SECRET, YEARLY_TEST_PRICES, billingRow, stripeEnv } from '../support/stripe-billing'
import { startStripeStandIn } from '../support/stripe-stand-in'

// Started before Candor, which needs its address in STRIPE_API_URL.
const standIn = await startStripeStandIn({ webhookSecret: STRIPE_TEST_WEBHOOK_SECRET, yearlyPrices: YEARLY_TEST_PRICES })
const app = serveCandorWithBrowser(stripeEnv(standIn.url))
afterAll(() => standIn.close())

async function billingActions(workspaceId: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ action: string }>(
    `SELECT action FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'billing.%' ORDER BY seq`,
    [workspaceId],
  )
  return rows.map((row) => row.action)
}

describe('the billing page', () => {
  it('takes an owner through Checkout and back on Pro, then to the portal', async () => {
    const { owner, workspace } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(app.candor.url, context, owner.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}/settings/billing`)
    await expect.poll(() => page.getByTestId('plan-sentence').textContent()).toBe('Free.')

    await page.getByRole('button', { name: 'Pro, monthly' }).click()
    await page.waitForURL((url) => url.pathname === `/w/${workspace.slug}/settings/billing` && url.searchParams.has('checkout'))
    await expect.poll(() => page.getByTestId('plan-sentence').textContent()).toBe('Pro, through the workspace’s subscription.')
    await page.getByText(/Stripe subscription to Pro, billed monthly: active\. It renews on \d+ \w+ \d{4}\./).waitFor()
    await page.getByRole('link', { name: /CANDOR-\d{4}/ }).waitFor()
    expect(await billingRow(workspace.id)).toMatchObject({ subscribed_plan: 'pro', subscription_status: 'active', billing_interval: 'month' })
    // The customer Candor made carries the workspace id: how webhook events find the workspace.
    const customer = [...standIn.customers.values()].find((c) => (c.metadata as Record<string, string>).workspace_id === workspace.id)
    expect(customer).toBeDefined()

    // One subscription per customer: the upgrade buttons give way to the portal.
    expect(await page.getByRole('button', { name: 'Pro, monthly' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Open the billing portal' }).click()
    await page.getByRole('heading', { name: `Stand-in billing portal for ${customer!.id}` }).waitFor()
    expect(await billingActions(workspace.id)).toEqual([
      'billing.customer_create',
      'billing.checkout_start',
      'billing.subscription_change',
      'billing.portal_open',
    ])
    await context.close()
  })

  it('is refused to a member without billing.manage, page and actions alike', async () => {
    const { workspace } = await makeWorkspace()
    const admin = await addMember(workspace.id, 'admin')
    const context = await app.browser.newContext()
    const page = await signIn(app.candor.url, context, admin.email)
    await page.goto(`${app.candor.url}/w/${workspace.slug}`)
    await page.getByRole('link', { name: 'Members' }).waitFor()
    expect(await page.getByRole('link', { name: 'Billing' }).count()).toBe(0)
    const refused = await page.goto(`${app.candor.url}/w/${workspace.slug}/settings/billing`)
    expect(refused?.status()).toBe(403)
    const post = await page.request.post(`${app.candor.url}/w/${workspace.slug}/settings/billing`, {
      form: { intent: 'checkout', plan: 'pro', interval: 'month' },
      headers: { origin: app.candor.url },
      maxRedirects: 0,
    })
    expect(post.status()).toBe(403)
    expect(await billingActions(workspace.id)).toEqual([])
    expect(await billingRow(workspace.id)).toMatchObject({ subscribed_plan: null })
    await context.close()
  })
})
