// The body of a webhook delivery, as zod schemas registered with the API's schemas: the OpenAPI
// document's `webhooks` section is written from them, and tests parse what receivers get.
import { z } from 'zod'
import { apiSchemas, privacyRequestResource } from '~/modules/api/requests-api.server'
import { REQUEST_STATE_KEYS } from '~/modules/dsar/request-kinds'
import { REQUEST_EVENT_TYPES, TEST_EVENT } from './events'

const eventId = z
  .uuid()
  .describe('The event’s id, also sent as the Candor-Event-Id header: the same on every retry and for every endpoint. Ignore an id you have already processed.')
const createdAt = z.iso.datetime().describe('When the change happened')

export const requestWebhookEvent = z
  .object({
    id: eventId,
    type: z.enum(REQUEST_EVENT_TYPES),
    createdAt,
    previousState: z
      .enum(REQUEST_STATE_KEYS)
      .describe('The request’s state before the change (unchanged for request.extended; unverified for request.received)'),
    data: privacyRequestResource.describe('The request right after the change'),
  })
  .register(apiSchemas, { id: 'RequestWebhookEvent' })

export const testWebhookEvent = z
  .object({
    id: eventId,
    type: z.literal(TEST_EVENT),
    createdAt,
    data: z.object({ endpointId: z.uuid(), message: z.string() }),
  })
  .register(apiSchemas, { id: 'TestWebhookEvent' })

export type RequestWebhookEvent = z.infer<typeof requestWebhookEvent>
export type TestWebhookEvent = z.infer<typeof testWebhookEvent>
