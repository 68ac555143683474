// Turning a change of a privacy request into webhook events: one delivery row per endpoint that
// subscribes to the event, each with its `webhook.deliver` job, written in the transaction of
// the change (decision 004): an event exists exactly when its change committed.
import { randomUUID } from 'node:crypto'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { RESOURCE_INCLUDE, toResource } from '~/modules/api/requests-api.server'
import type { Tx } from '~/modules/db/tenant.server'
import { queueStatusCallback } from '~/modules/drp/status-callback.server'
import { enqueue } from '~/modules/jobs/queue.server'
import type { RequestEventType } from './events'
import type { RequestWebhookEvent } from './event-schema.server'

/** `endpointId` lets a worker share its slots between endpoints before it reads the delivery (absent from jobs queued before it was added). */
export type WebhookJob = { workspaceId: string; deliveryId: string; endpointId?: string }

/**
 * Emit `type` for the request whose state *before* the change is `before` (the row as the
 * caller loaded it); the payload carries the request as it is now, in `tx`. A
 * `request.state_changed` whose state did not change emits nothing. Returns how many
 * deliveries were queued.
 */
export async function emitRequestEvent(
  tx: Tx,
  before: Pick<PrivacyRequest, 'id' | 'workspaceId' | 'state'>,
  type: RequestEventType,
): Promise<number> {
  // An agent of the Data Rights Protocol hears of the same changes (its status is computed when sent).
  await queueStatusCallback(tx, before.id)
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { disabledAt: null, events: { has: type } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  })
  if (endpoints.length === 0) return 0
  const current = await tx.privacyRequest.findUniqueOrThrow({ where: { id: before.id }, include: RESOURCE_INCLUDE })
  if (type === 'request.state_changed' && current.state === before.state) return 0
  const event: RequestWebhookEvent = {
    id: randomUUID(),
    type,
    createdAt: new Date().toISOString(),
    previousState: before.state,
    data: toResource(current),
  }
  for (const endpoint of endpoints) {
    await queueDelivery(tx, { workspaceId: before.workspaceId, endpointId: endpoint.id, requestId: current.id, event })
  }
  return endpoints.length
}

/** Store one event for one endpoint and queue its delivery. */
export async function queueDelivery(
  tx: Tx,
  input: { workspaceId: string; endpointId: string; requestId: string | null; event: { id: string; type: string } },
): Promise<string> {
  const id = randomUUID()
  await tx.webhookDelivery.create({
    data: {
      id,
      workspaceId: input.workspaceId,
      endpointId: input.endpointId,
      requestId: input.requestId,
      eventId: input.event.id,
      eventType: input.event.type,
      payload: input.event,
    },
  })
  await enqueue(tx, 'webhook.deliver', { workspaceId: input.workspaceId, deliveryId: id, endpointId: input.endpointId } satisfies WebhookJob)
  return id
}

/**
 * After an erasure redacted these (closed) requests: the copies of them in webhook payloads
 * lose the subject's name and e-mail the same way. Returns how many payloads changed.
 */
export async function redactWebhookPayloads(tx: Tx, requestIds: string[]): Promise<number> {
  if (requestIds.length === 0) return 0
  return tx.$executeRaw`
    UPDATE webhook_delivery d
       SET payload = jsonb_set(jsonb_set(d.payload, '{data,email}', to_jsonb(r.email)), '{data,subjectName}', to_jsonb(r.subject_name))
      FROM privacy_request r
     WHERE d.request_id = r.id AND r.id = ANY(${requestIds}::uuid[])`
}
