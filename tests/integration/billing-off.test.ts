// Self-hosting without Stripe keys: billing is off, the Stripe webhook endpoint does not exist,
// and the billing page says every feature is on instead of offering upgrades.
import { describe, expect, it } from 'vitest'
import { loadBillingPage } from '~/modules/billing/billing-page.server'
import { billingEnabled } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { action, loader } from '../../app/routes/webhooks/stripe'
import { makeOwnedWorkspace } from '../support/factories'
import { actOn } from '../support/stripe-billing'

describe('billing off (no STRIPE_SECRET_KEY)', () => {
  it('answers 404 at /webhooks/stripe and stores nothing', async () => {
    expect(billingEnabled()).toBe(false)
    const post = new Request('http://127.0.0.1:3000/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: JSON.stringify({ id: 'evt_self_hosted', type: 'customer.subscription.updated', created: 1, data: { object: { customer: 'cus_x' } } }),
    })
    const answer = await actOn(action, post)
    expect(answer.status).toBe(404)
    expect(await answer.json()).toEqual({ error: 'Billing is off on this installation.' })
    expect(loader().status).toBe(404)
    const { rows } = await ownerPool().query('SELECT 1 FROM stripe_event')
    expect(rows).toEqual([])
  })

  it('shows every feature on, with no upgrade offered', async () => {
    const { member } = await makeOwnedWorkspace()
    expect(await loadBillingPage(member)).toEqual({ billing: 'off', sentence: 'Billing is off on this installation: every feature is on.' })
  })
})
