// The events a webhook endpoint can subscribe to, in the words the dashboard shows. Shared by
// the dashboard form, the emitter and the OpenAPI document.

export const REQUEST_EVENTS = {
  'request.received': 'A request is received (its e-mail confirmed, or filed already verified)',
  'request.state_changed': 'A request changes state (waiting for the requester, needs attention, back in progress)',
  'request.extended': 'A request’s deadline is extended',
  'request.completed': 'A request is completed',
  'request.rejected': 'A request is rejected',
  'request.duplicate': 'A request is closed as a duplicate of another (handled under that one)',
} as const

export type RequestEventType = keyof typeof REQUEST_EVENTS
export const REQUEST_EVENT_TYPES = Object.keys(REQUEST_EVENTS) as [RequestEventType, ...RequestEventType[]]

/** Sent on demand from the dashboard to one endpoint, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test'
export type WebhookEventType = RequestEventType | typeof TEST_EVENT
