// A workspace's webhook endpoints: added with the events they receive (the signing secret is
// returned once and stored only encrypted), disabled, sent a test event, and listed with their
// latest deliveries. Each change is audited in its transaction.
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { env } from '~/modules/config/env.server'
import { encryptSecret } from '~/modules/crypto/envelope.server'
import { type TenantContext, type Tx, withTenant } from '~/modules/db/tenant.server'
import { secretBinding } from './delivery.server'
import { queueDelivery } from './emit.server'
import { checkEndpointUrl } from './endpoint-url'
import { REQUEST_EVENT_TYPES, TEST_EVENT } from './events'
import type { TestWebhookEvent } from './event-schema.server'

/** Deliveries shown per endpoint on the dashboard. */
export const RECENT_DELIVERIES = 5

export const endpointInput = z.object({
  url: z.string().transform((value, ctx) => {
    const check = checkEndpointUrl(value, { production: env().NODE_ENV === 'production' })
    if (check.ok) return check.url
    ctx.addIssue({ code: 'custom', message: check.message })
    return z.NEVER
  }),
  events: z
    .array(z.enum(REQUEST_EVENT_TYPES, 'Choose events from the list'))
    .min(1, 'Choose at least one event')
    .transform((events) => [...new Set(events)]),
})

const scope = (tenant: TenantContext, origin: RequestOrigin) => ({ ...tenant, origin })
const target = (id: string) => ({ type: 'webhook_endpoint', id })

/** Add an endpoint; returns its signing secret, which is never shown again. */
export async function createWebhookEndpoint(
  tenant: TenantContext,
  input: z.input<typeof endpointInput>,
  origin: RequestOrigin,
): Promise<{ id: string; secret: string }> {
  const { url, events } = endpointInput.parse(input)
  const id = randomUUID()
  const secret = `whsec_${randomBytes(32).toString('base64url')}`
  await withTenant(tenant, async (tx) => {
    const entitled = { tx, workspaceId: tenant.workspaceId }
    await requireEntitlement(entitled, 'webhooks')
    await requireEntitlement(entitled, 'webhookEndpoints')
    await tx.webhookEndpoint.create({
      data: {
        id,
        workspaceId: tenant.workspaceId,
        url,
        events,
        secretEncrypted: await encryptSecret(tx, tenant.workspaceId, secretBinding(id), secret),
      },
    })
    await recordAudit(tx, scope(tenant, origin), { action: 'webhook_endpoint.create', target: target(id), after: { url, events } })
  })
  return { id, secret }
}

/** Stop sending to an endpoint (deliveries still queued for it are not sent). */
export async function disableWebhookEndpoint(tenant: TenantContext, id: string, origin: RequestOrigin): Promise<boolean> {
  return withTenant(tenant, async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } })
    if (count === 0) return false
    await recordAudit(tx, scope(tenant, origin), {
      action: 'webhook_endpoint.disable',
      target: target(id),
      before: { disabled: false },
      after: { disabled: true },
    })
    return true
  })
}

/** Queue a `webhook.test` event to one active endpoint, whatever it subscribes to. */
export async function sendTestEvent(tenant: TenantContext, id: string, origin: RequestOrigin): Promise<boolean> {
  return withTenant(tenant, async (tx) => {
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id, disabledAt: null } })
    if (!endpoint) return false
    const event: TestWebhookEvent = {
      id: randomUUID(),
      type: TEST_EVENT,
      createdAt: new Date().toISOString(),
      data: { endpointId: endpoint.id, message: 'A test event from Candor: your endpoint receives and verifies webhooks.' },
    }
    await queueDelivery(tx, { workspaceId: tenant.workspaceId, endpointId: endpoint.id, requestId: null, event })
    await recordAudit(tx, scope(tenant, origin), { action: 'webhook_endpoint.test', target: target(id), after: { eventId: event.id } })
    return true
  })
}

export type DeliveryStatus = 'delivered' | 'retrying' | 'pending' | 'failed'

/** The workspace's endpoints, newest first, each with its latest deliveries. */
export async function listWebhookEndpoints(tx: Tx) {
  const endpoints = await tx.webhookEndpoint.findMany({
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      url: true,
      events: true,
      createdAt: true,
      disabledAt: true,
      failuresInRow: true,
      backoffUntil: true,
      deliveries: { orderBy: { createdAt: 'desc' }, take: RECENT_DELIVERIES },
    },
  })
  return endpoints.map(({ deliveries, ...endpoint }) => ({
    ...endpoint,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      createdAt: d.createdAt,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      status: (d.deliveredAt ? 'delivered' : d.failedAt ? 'failed' : d.attempts > 0 ? 'retrying' : 'pending') as DeliveryStatus,
    })),
  }))
}
