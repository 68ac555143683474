// Delivering one webhook event to one endpoint (the `webhook.deliver` job): a signed JSON POST,
// 10 seconds at most, no redirects followed. A 2xx answer delivers it; anything else is written
// on the delivery for the dashboard and thrown, so pg-boss retries with backoff; after the last
// retry the dead-letter handler marks it failed. Idempotent: a delivered event is not sent again.
// A delivery to an endpoint that is backing off, or busy in this process, is not tried: it is
// deferred (endpoint-health.server.ts).
// Of a refusing answer only the status code is kept (with its standard reason phrase): its body
// and its own reason phrase are never read into Candor, so an endpoint pointed at something it
// should not reach cannot turn the dashboard into a window onto that thing's answers.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { env } from '~/modules/config/env.server'
import { decryptSecret } from '~/modules/crypto/envelope.server'
import { withTenant } from '~/modules/db/tenant.server'
import { isPublicAddress } from '~/modules/security/public-address'
import type { WebhookJob } from './emit.server'
import { afterBackoff, recordEndpointOutcome, releaseSlot, takeSlot, whenLessBusy } from './endpoint-health.server'
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.server'

export class WebhookDeliveryError extends Error {}

export const DELIVERY_TIMEOUT_MS = 10_000
const SYSTEM = { type: 'system', reason: 'webhook.deliver' } as const

/** Where an endpoint's secret is stored: the ciphertext opens only there. */
export const secretBinding = (endpointId: string) => ({ table: 'webhook_endpoint', column: 'secret_encrypted', rowId: endpointId })

export type DeliveryOutcome =
  | 'delivered'
  | 'already-delivered'
  | 'missing'
  | 'endpoint-disabled'
  | { deferUntil: Date; reason: 'endpoint backing off' | 'endpoint busy' }

export type DeliveryOptions = {
  /** Let the endpoint resolve to a private or loopback address. Default: outside production. */
  allowPrivateNetworks?: boolean
  timeoutMs?: number
}

type Prepared = { url: string; secret: string; payload: unknown; eventId: string; eventType: string; endpointId: string; wasFailing: boolean }

export async function deliverWebhook(job: WebhookJob, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const ctx = { workspaceId: job.workspaceId, actor: SYSTEM }
  // The turn is waited for before the transaction, which then holds no connection idle.
  if (job.endpointId && !(await takeSlot(job.endpointId))) return { deferUntil: whenLessBusy(), reason: 'endpoint busy' }
  try {
    const prepared = await withTenant(ctx, async (tx): Promise<DeliveryOutcome | { send: Prepared }> => {
      const delivery = await tx.webhookDelivery.findUnique({ where: { id: job.deliveryId }, include: { endpoint: true } })
      if (!delivery) return 'missing'
      if (delivery.deliveredAt) return 'already-delivered'
      const { endpoint } = delivery
      if (endpoint.disabledAt) {
        await tx.webhookDelivery.update({
          where: { id: delivery.id },
          data: { lastError: 'Not sent: the endpoint was disabled.', failedAt: delivery.failedAt ?? new Date() },
        })
        return 'endpoint-disabled'
      }
      if (endpoint.backoffUntil && endpoint.backoffUntil > new Date()) {
        return { deferUntil: afterBackoff(endpoint.backoffUntil), reason: 'endpoint backing off' }
      }
      // Counted before sending, so an attempt cut short by a crash still shows.
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { attempts: { increment: 1 } } })
      const secret = await decryptSecret(tx, job.workspaceId, secretBinding(endpoint.id), endpoint.secretEncrypted)
      return {
        send: {
          url: endpoint.url, secret, payload: delivery.payload, eventId: delivery.eventId, eventType: delivery.eventType,
          endpointId: endpoint.id, wasFailing: endpoint.failuresInRow > 0,
        },
      }
    })
    if (typeof prepared === 'string' || 'deferUntil' in prepared) return prepared
    const { send } = prepared

    const body = JSON.stringify(send.payload)
    const answer = await post(new URL(send.url), body, {
      'content-type': 'application/json',
      'user-agent': 'Candor-Webhooks/1',
      [SIGNATURE_HEADER]: signWebhook(send.secret, body),
      [EVENT_ID_HEADER]: send.eventId,
      'Candor-Event-Type': send.eventType,
    }, {
      allowPrivateNetworks: options.allowPrivateNetworks ?? env().NODE_ENV !== 'production',
      timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    })
    const delivered = answer.status !== undefined && answer.status >= 200 && answer.status < 300
    await withTenant(ctx, async (tx) => {
      await tx.webhookDelivery.update({
        where: { id: job.deliveryId },
        data: delivered
          ? { lastStatus: answer.status, lastError: null, deliveredAt: new Date(), failedAt: null }
          : { lastStatus: answer.status ?? null, lastError: answer.error.slice(0, 2000) },
      })
      if (!delivered || send.wasFailing) await recordEndpointOutcome(tx, send.endpointId, delivered)
    })
    if (!delivered) throw new WebhookDeliveryError(`Webhook delivery ${job.deliveryId} failed: ${answer.error}`)
    return 'delivered'
  } finally {
    if (job.endpointId) releaseSlot(job.endpointId)
  }
}

/** Every retry was used up (dead-letter queue): say so on the delivery. */
export async function failWebhookDelivery(job: WebhookJob): Promise<void> {
  await withTenant({ workspaceId: job.workspaceId, actor: SYSTEM }, (tx) =>
    tx.webhookDelivery.updateMany({
      where: { id: job.deliveryId, deliveredAt: null, failedAt: null },
      data: { failedAt: new Date() },
    }),
  )
}

type Answer = { status: number; error: string } | { status?: undefined; error: string }

/** POST `body`; never throws: the answer's status, or what went wrong, in words for staff. */
export function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivateNetworks: boolean; timeoutMs: number },
): Promise<Answer> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
  if (!options.allowPrivateNetworks && isIP(host) && !isPublicAddress(host)) {
    return Promise.resolve({ error: `Not sent: ${host} is not a public address.` })
  }
  const send = url.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const status = response.statusCode ?? 0
        if (status >= 200 && status < 300) {
          response.resume()
          resolve({ status, error: '' })
          return
        }
        response.destroy()
        resolve({ status, error: `The endpoint answered ${statusLine(status)}.` })
      },
    )
    request.on('error', (error: Error & { code?: string }) => {
      const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError'
      resolve({ error: timedOut ? `No answer within ${options.timeoutMs / 1000} seconds.` : `Could not reach the endpoint: ${error.code ?? error.message}${error.code ? ` (${error.message})` : ''}` })
    })
    request.end(body)
  })
}

/** `404 Not Found`: the code and the standard phrase for it, nothing the endpoint wrote. */
const statusLine = (status: number) => [status, http.STATUS_CODES[status]].filter(Boolean).join(' ')

/** DNS resolution that refuses a name pointing inside a private network (production). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4)
    const inside = addresses.find((a) => !isPublicAddress(a.address))
    if (inside || addresses.length === 0) {
      return callback(Object.assign(new Error(`${hostname} resolves to ${inside?.address ?? 'no address'}, which is not public`), { code: 'EPRIVATE' }), '', 4)
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}
