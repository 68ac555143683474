// Billing in a browser against the Stripe stand-in: an owner upgrades through Checkout and comes
// back on Pro (synced at once, without waiting for the webhook), then reaches the Customer
// Portal; a member without billing.manage is refused the page and its actions.
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { serveCandorWithBrowser } from '../support/candor-and-browser'
import { eventually } from '../support/eventually'
import { addMember, makeWorkspace } from '../support/factories'
import { signIn } from '../support/sign-in'
import { STRIPE_TEST_WEBHOOK_SECRET, YEARLY_TEST_PRICES, billingRow, stripeEnv } from '../support/stripe-billing'
import { startStripeStandIn } from '../support/stripe-stand-in'

// Started before Candor, which needs its address in STRIPE_API_URL.
const standIn = await startStripeStandIn({ webhookSecret: STRIPE_TEST_WEBHOOK_SECRET, yearlyPrices: YEARLY_TEST_PRICES })
const app = serveCandorWithBrowser(stripeEnv(standIn.url))
afterAll(() => standIn.close())

/** A signed event about the workspace's subscription, sent to Candor over HTTP as Stripe would. */
async function stripeSays(type: string, subscriptionId: string) {
  standIn.setCandorUrl(app.candor.url)
  const event = standIn.event(type, standIn.subscriptions.get(subscriptionId)!)
  const response = await standIn.send(event)
  expect(response.status).toBe(200)
  return event.id
}

async function processed(eventId: string) {
  return eventually(async () => {
    const { rows } = await ownerPool().query('SELECT 1 FROM stripe_event WHERE id = $1 AND processed_at IS NOT NULL', [eventId])
    return rows.length === 1
  })
}

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
    await page.screenshot({ path: '/tmp/billing-pro.png', fullPage: true })
    const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze()
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
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

  it('shows the grace period after a failed renewal, and Free once Stripe cancels', async () => {
    const { owner, workspace } = await makeWorkspace()
    const context = await app.browser.newContext()
    const page = await signIn(app.candor.url, context, owner.email)
    const billingPage = `${app.candor.url}/w/${workspace.slug}/settings/billing`
    await page.goto(billingPage)
    await page.getByRole('button', { name: 'Pro, yearly' }).click()
    await page.waitForURL((url) => url.searchParams.has('checkout'))
    await page.getByText('Stripe subscription to Pro, billed yearly: active.', { exact: false }).waitFor()
    const subscriptionId = (await billingRow(workspace.id)).stripe_subscription_id!

    standIn.setStatus(subscriptionId, 'past_due')
    await processed(await stripeSays('customer.subscription.updated', subscriptionId))
    await page.goto(billingPage)
    await expect.poll(() => page.getByTestId('plan-sentence').textContent()).toMatch(
      /^Pro until \d+ \w+ \d{4}: the last payment failed\. Update the payment method to keep Pro after that day\.$/,
    )

    standIn.setStatus(subscriptionId, 'canceled')
    await processed(await stripeSays('customer.subscription.deleted', subscriptionId))
    await page.goto(billingPage)
    await expect.poll(() => page.getByTestId('plan-sentence').textContent()).toBe('Free.')
    await page.getByText('Stripe subscription to Pro, billed yearly: canceled.').waitFor()
    // Upgrading is offered again; the workspace itself is untouched.
    await page.getByRole('button', { name: 'Pro, monthly' }).waitFor()
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
