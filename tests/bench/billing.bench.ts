// Benchmark: Stripe webhook events per second through POST /webhooks/stripe to the processed
// state, against a built Candor (web and worker in one process) and the Stripe stand-in.
// BILLING_BENCH_EVENTS (default 1,000) signed customer.subscription.updated events over
// BILLING_BENCH_WORKSPACES (default 20) subscribed workspaces, sent BILLING_BENCH_CONCURRENCY
// (default 16) at a time; each is verified, stored, queued, and applied by re-reading Stripe.
// One JSON line: `npm run bench:billing`.
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { median, printFigures } from '../support/bench-figures'
import { startCandor } from '../support/candor-server'
import { eventually } from '../support/eventually'
import { STRIPE_TEST_PRICES, STRIPE_TEST_WEBHOOK_SECRET, stripeEnv, workspaceWithCustomer } from '../support/stripe-billing'
import { startStripeStandIn } from '../support/stripe-stand-in'

const EVENTS = Number(process.env.BILLING_BENCH_EVENTS ?? 1_000)
const WORKSPACES = Number(process.env.BILLING_BENCH_WORKSPACES ?? 20)
const CONCURRENCY = Number(process.env.BILLING_BENCH_CONCURRENCY ?? 16)

it('processes Stripe webhook events', async () => {
  const standIn = await startStripeStandIn({ webhookSecret: STRIPE_TEST_WEBHOOK_SECRET })
  // This process makes the customers (as Checkout would); Candor processes the events.
  Object.assign(process.env, stripeEnv(standIn.url))
  const candor = await startCandor({ NODE_ENV: 'test', ...stripeEnv(standIn.url) })
  standIn.setCandorUrl(candor.url)
  try {
    const workspaces: Awaited<ReturnType<typeof workspaceWithCustomer>>[] = []
    for (let i = 0; i < WORKSPACES; i++) {
      workspaces.push(await workspaceWithCustomer(standIn, { price: STRIPE_TEST_PRICES.STRIPE_PRICE_PRO_MONTHLY, status: 'active' }))
    }
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const w = workspaces[i % WORKSPACES]!
      return standIn.event('customer.subscription.updated', standIn.subscriptions.get(w.subscriptionId!)!)
    })

    const responseMs: number[] = []
    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < events.length) {
          const event = events[next++]!
          const sent = performance.now()
          const response = await standIn.send(event)
          responseMs.push(performance.now() - sent)
          expect(response.status).toBe(200)
        }
      }),
    )
    const acceptedS = (performance.now() - started) / 1000
    await eventually(
      async () => {
        const { rows } = await ownerPool().query<{ n: number }>('SELECT count(*)::int AS n FROM stripe_event WHERE processed_at IS NOT NULL')
        return rows[0]!.n === EVENTS
      },
      { timeoutMs: 600_000, intervalMs: 50, what: 'every event processed' },
    )
    const processedS = (performance.now() - started) / 1000
    const { rows } = await ownerPool().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM workspace WHERE subscribed_plan = 'pro' AND subscription_status = 'active'",
    )
    expect(rows[0]!.n).toBe(WORKSPACES)
    printFigures({
      bench: 'billing',
      events: EVENTS,
      workspaces: WORKSPACES,
      concurrency: CONCURRENCY,
      accepted_per_second: Math.round(EVENTS / acceptedS),
      processed_per_second: Math.round(EVENTS / processedS),
      seconds_to_processed: Math.round(processedS * 10) / 10,
      webhook_response_median_ms: Math.round(median(responseMs) * 10) / 10,
    })
  } finally {
    await candor.stop()
    await standIn.close()
  }
})
