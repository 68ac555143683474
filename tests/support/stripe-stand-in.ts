// A local HTTP server in place of Stripe's API: the real Stripe SDK talks to it over HTTP (its
// host/port/protocol options, from STRIPE_API_URL). It answers the endpoints Candor calls with
// objects shaped like Stripe's 2025+ API (the current period on subscription ITEMS), serves a
// checkout page that completes the subscription and goes back to success_url, and lets a test
// change a subscription and send Candor signed webhook events.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'

type StripeObject = Record<string, unknown> & { id: string }
type Subscription = StripeObject & { customer: string; status: string; created: number; items: { object: 'list'; data: StripeObject[] } }

const DAY = 24 * 60 * 60
const now = () => Math.floor(Date.now() / 1000)
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

/** Stripe's form encoding (`metadata[workspace_id]=…`, `line_items[0][price]=…`) as nested objects. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '')
    let node = result
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value
      else node = (node[part] ??= {}) as Record<string, unknown>
    })
  }
  return result
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>

/**
 * Start the stand-in. `webhookSecret` signs the events it sends to `candorUrl` + /webhooks/stripe;
 * `yearlyPrices` are the price ids billed yearly (every other price is monthly).
 */
export async function startStripeStandIn(options: { webhookSecret: string; candorUrl?: string; yearlyPrices?: string[] }) {
  const customers = new Map<string, StripeObject>()
  const subscriptions = new Map<string, Subscription>()
  const sessions = new Map<string, StripeObject>()
  const portalSessions = new Map<string, StripeObject>()
  const invoices: StripeObject[] = []
  const idempotent = new Map<string, StripeObject>()
  const requests: { method: string; path: string }[] = []
  let candorUrl = options.candorUrl
  let outage = false
  const signer = new Stripe('sk_test_standin')

  function signedRequest(event: { id: string }, secret: string, origin: string) {
    const payload = JSON.stringify(event)
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret })
    return new Request(`${origin}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    })
  }

  const list = (data: StripeObject[], url: string) => ({ object: 'list', data, has_more: false, url })

  function subscriptionFor(customer: string, price: string, status: string, interval: 'month' | 'year'): Subscription {
    const start = now()
    const id = newId('sub')
    const subscription: Subscription = {
      id,
      object: 'subscription',
      customer,
      status,
      created: start,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      livemode: false,
      metadata: {},
      items: {
        object: 'list',
        data: [
          {
            id: newId('si'),
            object: 'subscription_item',
            subscription: id,
            quantity: 1,
            // Stripe's 2025+ API: the period lives on each item, not on the subscription.
            current_period_start: start,
            current_period_end: start + (interval === 'year' ? 365 : 30) * DAY,
            price: { id: price, object: 'price', active: true, currency: 'eur', recurring: { interval, interval_count: 1 }, type: 'recurring' },
          },
        ],
      },
    }
    subscriptions.set(id, subscription)
    invoices.unshift({
      id: newId('in'),
      object: 'invoice',
      customer,
      number: `CANDOR-${String(invoices.length + 1).padStart(4, '0')}`,
      status: 'paid',
      created: start,
      amount_due: interval === 'year' ? 99000 : 9900,
      amount_paid: interval === 'year' ? 99000 : 9900,
      currency: 'eur',
      hosted_invoice_url: `https://invoice.stripe.example/${id}`,
      invoice_pdf: `https://invoice.stripe.example/${id}.pdf`,
    })
    return subscription
  }

  function answer(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req') })
    res.end(JSON.stringify(body))
  }
  const missing = (res: http.ServerResponse, what: string) =>
    answer(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } })

  function route(method: string, url: URL, form: Record<string, unknown>, headers: http.IncomingHttpHeaders, res: http.ServerResponse) {
    const path = url.pathname
    const base = `http://${headers.host}`
    let match: RegExpMatchArray | null
    if (method === 'POST' && path === '/v1/customers') {
      const key = headers['idempotency-key']
      const again = typeof key === 'string' ? idempotent.get(key) : undefined
      if (again) return answer(res, 200, again)
      const customer = { id: newId('cus'), object: 'customer', created: now(), email: form.email ?? null, name: form.name ?? null, metadata: form.metadata ?? {}, livemode: false }
      customers.set(customer.id, customer)
      if (typeof key === 'string') idempotent.set(key, customer)
      return answer(res, 200, customer)
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/customers\/([\w]+)$/))) {
      const customer = customers.get(match[1]!)
      return customer ? answer(res, 200, customer) : missing(res, `customer: '${match[1]}'`)
    }
    if (method === 'GET' && path === '/v1/subscriptions') {
      const customer = url.searchParams.get('customer')
      const status = url.searchParams.get('status')
      const found = [...subscriptions.values()]
        .filter((s) => s.customer === customer)
        // Without status=all Stripe leaves canceled subscriptions out.
        .filter((s) => status === 'all' || (status ? s.status === status : s.status !== 'canceled'))
        .sort((a, b) => b.created - a.created)
      return answer(res, 200, list(found, '/v1/subscriptions'))
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = newId('cs_test')
      const session = {
        id,
        object: 'checkout.session',
        mode: form.mode,
        customer: form.customer,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        line_items: form.line_items,
        tax_id_collection: form.tax_id_collection,
        metadata: form.metadata ?? {},
        client_reference_id: form.client_reference_id ?? null,
        status: 'open',
        subscription: null,
        url: `${base}/checkout/${id}`,
      }
      sessions.set(id, session)
      return answer(res, 200, session)
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/))) {
      const session = sessions.get(match[1]!)
      return session ? answer(res, 200, session) : missing(res, `checkout.session: '${match[1]}'`)
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = newId('bps')
      const session = { id, object: 'billing_portal.session', customer: form.customer, return_url: form.return_url, url: `${base}/portal/${id}`, livemode: false }
      portalSessions.set(id, session)
      return answer(res, 200, session)
    }
    if (method === 'GET' && path === '/v1/invoices') {
      const customer = url.searchParams.get('customer')
      const limit = Number(url.searchParams.get('limit') ?? 10)
      return answer(res, 200, list(invoices.filter((i) => i.customer === customer).slice(0, limit), '/v1/invoices'))
    }
    return answer(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` } })
  }

  /** The hosted checkout page: paying completes the session and goes back to success_url. */
  function checkoutPage(id: string, res: http.ServerResponse) {
    const session = sessions.get(id)
    if (!session || session.status !== 'open') {
      res.writeHead(404, { 'content-type': 'text/plain' })
      return res.end('No such checkout session')
    }
    const item = (session.line_items as Record<string, { price: string }>)['0']!
    const interval = options.yearlyPrices?.includes(item.price) ? 'year' : 'month'
    const subscription = subscriptionFor(String(session.customer), item.price, 'active', interval)
    Object.assign(session, { status: 'complete', subscription: subscription.id })
    const back = String(session.success_url).replace('{CHECKOUT_SESSION_ID}', id)
    res.writeHead(303, { location: back })
    res.end()
  }

  /** The hosted portal: a page naming its customer, with the way back. */
  function portalPage(id: string, res: http.ServerResponse) {
    const session = portalSessions.get(id)
    res.writeHead(session ? 200 : 404, { 'content-type': 'text/html' })
    res.end(session ? `<h1>Stand-in billing portal for ${session.customer}</h1><a href="${session.return_url}">Return to Candor</a>` : 'No such portal session')
  }

  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      requests.push({ method: req.method ?? '', path: url.pathname })
      if (outage) return answer(res, 500, { error: { type: 'api_error', message: 'The stand-in is having an outage.' } })
      const checkout = url.pathname.match(/^\/checkout\/([\w]+)$/)
      if (req.method === 'GET' && checkout) return checkoutPage(checkout[1]!, res)
      const portal = url.pathname.match(/^\/portal\/([\w]+)$/)
      if (req.method === 'GET' && portal) return portalPage(portal[1]!, res)
      route(req.method ?? '', url, parseStripeForm(raw), req.headers, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    customers,
    subscriptions,
    checkoutSessions: sessions,
    /** Where signed events go (Candor's origin), once Candor's port is known. */
    setCandorUrl: (url: string) => {
      candorUrl = url
    },
    /** A subscription made outside Checkout (as the portal or the dashboard would). */
    subscribe: (customer: string, price: string, status = 'active') =>
      subscriptionFor(customer, price, status, options.yearlyPrices?.includes(price) ? 'year' : 'month'),
    /** Stripe down (true): every API request answers 500 until it is back (false). */
    setOutage: (on: boolean) => {
      outage = on
    },
    /** Change a subscription the way Stripe would (a failed renewal, a cancellation, a recovery). */
    setStatus: (subscriptionId: string, status: string, changes: Record<string, unknown> = {}) => {
      const subscription = subscriptions.get(subscriptionId)
      if (!subscription) throw new Error(`no subscription ${subscriptionId}`)
      Object.assign(subscription, { status, ...changes }, status === 'canceled' ? { ended_at: now(), canceled_at: now() } : {})
      return subscription
    },
    /** Move the current period's end (on the item, as Stripe's 2025+ API keeps it). */
    setPeriodEnd: (subscriptionId: string, end: Date) => {
      const subscription = subscriptions.get(subscriptionId)
      if (!subscription) throw new Error(`no subscription ${subscriptionId}`)
      for (const item of subscription.items.data) item.current_period_end = Math.floor(end.getTime() / 1000)
      return subscription
    },
    /** An event as Stripe builds it, around a snapshot of `object` at this moment. */
    event: (type: string, object: StripeObject, created = now()) => ({
      id: newId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) },
    }),
    /** The request Stripe would send Candor's /webhooks/stripe, signed with the endpoint's secret (or `secret`). */
    signedRequest: (event: { id: string }, secret = options.webhookSecret, origin = candorUrl ?? 'http://127.0.0.1:3000') =>
      signedRequest(event, secret, origin),
    /** POST an event to Candor's /webhooks/stripe, signed with the endpoint's secret (or `secret`). */
    send: async (event: { id: string }, secret = options.webhookSecret) => {
      if (!candorUrl) throw new Error('the stand-in does not know where Candor is')
      return fetch(signedRequest(event, secret, candorUrl))
    },
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
