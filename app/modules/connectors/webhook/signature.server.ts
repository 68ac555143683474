// Standard Webhooks signatures (https://www.standardwebhooks.com) for the tasks Candor sends to
// a webhook data system: `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the bytes of
// the signing secret (`whsec_` + base64). Any Standard Webhooks library verifies them; so does
// the twenty-line receiver in docs/examples/webhook-connector-receiver.mjs.
import { createHmac, randomBytes } from 'node:crypto'

const PREFIX = 'whsec_'
/** 32 random bytes: the spec allows 24 to 64. */
const SECRET_BYTES = 32

/** A new signing secret, shown once when the system is added and then stored only sealed. */
export const newSigningSecret = () => `${PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`

const keyOf = (secret: string) => Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64')

const sign = (secret: string, id: string, timestamp: number, body: string) =>
  createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')

/** The three headers of a signed message `body` with id `id`, sent at `now`. */
export function signedHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000)
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${sign(secret, id, timestamp, body)}` }
}

