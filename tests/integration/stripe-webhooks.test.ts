// Stripe webhooks end to end against the Stripe stand-in: signed events stored once, processed
// by the real stripe.event queue, and applied by re-reading Stripe, so duplicates, order and
// lateness cannot change a workspace's plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { effectivePlan } from '~/modules/billing/effective-plan'
import { reconcileStripeCustomers } from '~/modules/billing/reconcile.server'
import { processStripeEvent } from '~/modules/billing/stripe-events.server'
import { syncCustomer } from '~/modules/billing/sync.server'
import { ownerPool } from '~/modules/db/owner.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { workQueue } from '../../jobs/worker.server'
import { action } from '../../app/routes/webhooks/stripe'
import { eventually } from '../support/eventually'
import { STRIPE_TEST_PRICES, YEARLY_TEST_PRICES, actOn, billingRow, stripeEnv, workspaceWithCustomer } from '../support/stripe-billing'
import { type StripeStandIn, startStripeStandIn } from '../support/stripe-stand-in'

const PRO = STRIPE_TEST_PRICES.STRIPE_PRICE_PRO_MONTHLY
const BUSINESS_YEARLY = STRIPE_TEST_PRICES.STRIPE_PRICE_BUSINESS_YEARLY
const DAY = 24 * 60 * 60
let standIn: StripeStandIn

beforeAll(async () => {
  standIn = await startStripeStandIn({ webhookSecret: stripeEnv('http://x').STRIPE_WEBHOOK_SECRET!, yearlyPrices: YEARLY_TEST_PRICES })
  Object.assign(process.env, stripeEnv(standIn.url))
  const boss = await startQueue({ supervise: true })
  await workQueue(boss, 'stripe.event', { pollingIntervalSeconds: 0.5 })
})
afterAll(async () => {
  await stopQueue({ graceMs: 1000 })
  await standIn.close()
})

type Event = ReturnType<StripeStandIn['event']>

const deliver = (event: Event, secret?: string) => actOn(action, standIn.signedRequest(event, secret))

async function eventRow(id: string) {
  const { rows } = await ownerPool().query<{ processed_at: Date | null; error: string | null }>(
    'SELECT processed_at, error FROM stripe_event WHERE id = $1',
    [id],
  )
  return rows
}

const processed = (id: string) =>
  eventually(async () => (await eventRow(id))[0]?.processed_at ?? false, { what: `event ${id} processed` })

async function auditActions(workspaceId: string) {
  const { rows } = await ownerPool().query<{ action: string; target_id: string | null; after: Record<string, unknown> | null }>(
    `SELECT action, target_id, after FROM audit_entry WHERE workspace_id = $1 AND action LIKE 'billing.%' ORDER BY seq`,
    [workspaceId],
  )
  return rows
}

/** The events Stripe sends over a subscription's life: created active, renewal failed, recovered. */
async function lifeOfASubscription() {
  const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
  const subscription = standIn.subscriptions.get(w.subscriptionId!)!
  const created = standIn.event('customer.subscription.created', subscription)
  const pastDue = standIn.event('customer.subscription.updated', standIn.setStatus(subscription.id, 'past_due'))
  const recovered = standIn.event('customer.subscription.updated', standIn.setStatus(subscription.id, 'active'))
  return { ...w, events: [created, pastDue, recovered] }
}

describe('POST /webhooks/stripe', () => {
  it('refuses a forged signature with 400 and stores nothing', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    const event = standIn.event('customer.subscription.created', standIn.subscriptions.get(w.subscriptionId!)!)
    const forged = await deliver(event, 'whsec_someone_else_entirely')
    expect(forged.status).toBe(400)
    expect(await forged.json()).toEqual({ error: 'The Stripe signature does not match this payload.' })
    const unsigned = standIn.signedRequest(event)
    unsigned.headers.delete('stripe-signature')
    expect((await actOn(action, unsigned)).status).toBe(400)
    // A signed payload changed after signing is refused too.
    const tampered = standIn.signedRequest(event)
    const body = (await tampered.text()).replace('"active"', '"canceled"')
    const altered = new Request(tampered.url, { method: 'POST', headers: tampered.headers, body })
    expect((await actOn(action, altered)).status).toBe(400)
    expect(await eventRow(event.id)).toEqual([])
    expect((await billingRow(w.workspace.id)).subscription_status).toBeNull()
  })

  it('stores a repeated event once and applies it once', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    const event = standIn.event('customer.subscription.created', standIn.subscriptions.get(w.subscriptionId!)!)
    const first = await deliver(event)
    const again = await deliver(event)
    expect([first.status, again.status]).toEqual([200, 200])
    expect((await again.json()).message).toBe('Already stored.')
    await processed(event.id)
    await deliver(event)
    const row = await billingRow(w.workspace.id)
    expect(row).toMatchObject({ subscribed_plan: 'pro', subscription_status: 'active', billing_interval: 'month', stripe_subscription_id: w.subscriptionId })
    expect(await eventRow(event.id)).toEqual([expect.objectContaining({ error: null })])
    const audit = await auditActions(w.workspace.id)
    expect(audit.filter((entry) => entry.action === 'billing.stripe_event')).toEqual([
      { action: 'billing.stripe_event', target_id: event.id, after: { type: 'customer.subscription.created' } },
    ])
    expect(audit.filter((entry) => entry.action === 'billing.subscription_change')).toHaveLength(1)
  })

  it('reads the current period from the subscription item, and a yearly price as yearly Business', async () => {
    const w = await workspaceWithCustomer(standIn, { price: BUSINESS_YEARLY, status: 'active' })
    const subscription = standIn.setPeriodEnd(w.subscriptionId!, new Date('2027-12-04T12:00:00Z'))
    const event = standIn.event('customer.subscription.created', subscription)
    await deliver(event)
    await processed(event.id)
    const row = await billingRow(w.workspace.id)
    expect(row).toMatchObject({ subscribed_plan: 'business', billing_interval: 'year' })
    expect(row.current_period_end?.toISOString()).toBe('2027-12-04T12:00:00.000Z')
  })

  it('gives the same result whatever the order of the events', async () => {
    const inOrder = await lifeOfASubscription()
    const reversed = await lifeOfASubscription()
    for (const event of inOrder.events) await deliver(event)
    for (const event of [...reversed.events].reverse()) await deliver(event)
    for (const event of [...inOrder.events, ...reversed.events]) await processed(event.id)
    const a = await billingRow(inOrder.workspace.id)
    const b = await billingRow(reversed.workspace.id)
    for (const row of [a, b]) expect(row).toMatchObject({ subscribed_plan: 'pro', subscription_status: 'active', past_due_since: null })
  })

  it('does not let an event that arrives days late undo a cancellation', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    const subscription = standIn.subscriptions.get(w.subscriptionId!)!
    // Stripe built this one three days ago, when the subscription was active; it arrives now.
    const late = standIn.event('customer.subscription.updated', subscription, Math.floor(Date.now() / 1000) - 3 * DAY)
    const deleted = standIn.event('customer.subscription.deleted', standIn.setStatus(subscription.id, 'canceled'))
    await deliver(deleted)
    await processed(deleted.id)
    await deliver(late)
    await processed(late.id)
    const row = await billingRow(w.workspace.id)
    expect(row).toMatchObject({ subscribed_plan: 'pro', subscription_status: 'canceled' })
    const state = { subscribedPlan: 'pro' as const, subscriptionStatus: row.subscription_status, pastDueSince: row.past_due_since, trialEndsAt: null, grantedPlan: null, grantedUntil: null }
    expect(effectivePlan(state, new Date(), true)).toEqual({ plan: 'free', source: 'free', until: null })
  })

  it('sets past_due_since on entering past_due, keeps it while past due, and clears it on recovery', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    const subscriptionId = w.subscriptionId!
    const failed = standIn.event('invoice.payment_failed', { id: 'in_failed', object: 'invoice', customer: w.customerId })
    standIn.setStatus(subscriptionId, 'past_due')
    await deliver(failed)
    await processed(failed.id)
    const since = (await billingRow(w.workspace.id)).past_due_since
    expect(since).toBeInstanceOf(Date)
    expect((await billingRow(w.workspace.id)).subscription_status).toBe('past_due')
    // A second failed retry a day later: the grace period still counts from the first.
    await syncCustomer(w.customerId, { now: new Date(Date.now() + DAY * 1000) })
    expect((await billingRow(w.workspace.id)).past_due_since).toEqual(since)
    const state = { subscribedPlan: 'pro' as const, subscriptionStatus: 'past_due', pastDueSince: since, trialEndsAt: null, grantedPlan: null, grantedUntil: null }
    expect(effectivePlan(state, new Date(), true)).toMatchObject({ plan: 'pro', source: 'grace' })
    const paid = standIn.event('invoice.paid', { id: 'in_paid', object: 'invoice', customer: w.customerId })
    standIn.setStatus(subscriptionId, 'active')
    await deliver(paid)
    await processed(paid.id)
    expect(await billingRow(w.workspace.id)).toMatchObject({ subscription_status: 'active', past_due_since: null })
    const changes = (await auditActions(w.workspace.id)).filter((entry) => entry.action === 'billing.subscription_change')
    // The audit log keeps what changed: first the plan and status, then the status alone.
    expect(changes.map((entry) => entry.after)).toEqual([{ plan: 'pro', status: 'past_due' }, { status: 'active' }])
  })

  it('keeps an event about a customer no workspace owns, processed with the reason', async () => {
    const stranger = standIn.event('customer.created', { id: 'cus_nobody_here', object: 'customer', metadata: {} })
    standIn.customers.set('cus_nobody_here', { id: 'cus_nobody_here', object: 'customer', metadata: {} })
    // Made by hand in Stripe's dashboard, with something that is no workspace id.
    standIn.customers.set('cus_typed_by_hand', { id: 'cus_typed_by_hand', object: 'customer', metadata: { workspace_id: 'acme' } })
    const typed = standIn.event('customer.updated', standIn.customers.get('cus_typed_by_hand')!)
    // A real workspace's id on a customer that workspace never adopted.
    const w = await workspaceWithCustomer(standIn, null)
    standIn.customers.set('cus_impostor', { id: 'cus_impostor', object: 'customer', metadata: { workspace_id: w.workspace.id } })
    const impostor = standIn.event('customer.updated', standIn.customers.get('cus_impostor')!)
    for (const event of [stranger, typed, impostor]) await deliver(event)
    for (const event of [stranger, typed, impostor]) await processed(event.id)
    const names = { error: 'the Stripe customer names no Candor workspace' }
    expect(await eventRow(stranger.id)).toEqual([expect.objectContaining(names)])
    expect(await eventRow(typed.id)).toEqual([expect.objectContaining(names)])
    expect(await eventRow(impostor.id)).toEqual([expect.objectContaining({ error: 'no workspace has this Stripe customer' })])
    expect(await auditActions(w.workspace.id)).toEqual([expect.objectContaining({ action: 'billing.customer_create' })])
  })
})

describe('processing an event', () => {
  const subscriptionReads = () => standIn.requests.filter((r) => r.method === 'GET' && r.path === '/v1/subscriptions').length
  async function storedEvent(customerId: string, receivedAt: string) {
    const id = `evt_stored_${Math.random().toString(36).slice(2)}`
    await ownerPool().query(
      `INSERT INTO stripe_event (id, type, customer_id, stripe_created_at, received_at) VALUES ($1, 'invoice.paid', $2, now(), ${receivedAt})`,
      [id, customerId],
    )
    return id
  }

  it('reads Stripe again only for an event that arrived after the last sync began', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    await syncCustomer(w.customerId)
    // Arrived a minute before that sync: the sync already holds its change.
    const earlier = await storedEvent(w.customerId, "now() - interval '1 minute'")
    const reads = subscriptionReads()
    await processStripeEvent(earlier)
    expect(subscriptionReads()).toBe(reads)
    expect(await eventRow(earlier)).toEqual([expect.objectContaining({ error: null, processed_at: expect.any(Date) })])
    // Arrived after it: Stripe is read, and sees the cancellation made meanwhile.
    standIn.setStatus(w.subscriptionId!, 'canceled')
    const later = await storedEvent(w.customerId, "now() + interval '1 second'")
    await processStripeEvent(later)
    expect(subscriptionReads()).toBe(reads + 1)
    expect((await billingRow(w.workspace.id)).subscription_status).toBe('canceled')
    const events = (await auditActions(w.workspace.id)).filter((entry) => entry.action === 'billing.stripe_event')
    expect(events.map((entry) => entry.target_id)).toEqual([earlier, later])
  })
})

describe('the nightly reconciliation', () => {
  it('catches up with a change whose webhook never arrived', async () => {
    const w = await workspaceWithCustomer(standIn, { price: PRO, status: 'active' })
    await syncCustomer(w.customerId)
    standIn.setStatus(w.subscriptionId!, 'canceled')
    const outcome = await reconcileStripeCustomers()
    expect(outcome.failed).toBe(0)
    expect(outcome.synced).toBeGreaterThanOrEqual(1)
    expect(await billingRow(w.workspace.id)).toMatchObject({ subscription_status: 'canceled' })
  })
})
