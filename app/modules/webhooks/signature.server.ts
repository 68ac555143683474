// The signature of a webhook delivery: `Candor-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
// HMAC-SHA256 keyed with the endpoint's whole secret (whsec_…) over "<t>.<raw body>". Binding
// the time stops a captured delivery from being replayed later. verifyWebhookSignature is the
// receiver's side, the recipe the README gives customers.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'Candor-Signature'
export const EVENT_ID_HEADER = 'Candor-Event-Id'
export const DEFAULT_TOLERANCE_SECONDS = 300

const hmac = (secret: string, timestamp: number, body: string | Uint8Array) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest()

/** The header value for `body` sent at `now`. */
export function signWebhook(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000)
  return `t=${t},v1=${hmac(secret, t, body).toString('hex')}`
}

/**
 * Whether `header` is a valid signature of `body` (the raw bytes received, before any JSON
 * parsing) under `secret`, made no more than `toleranceSeconds` from now. Constant-time
 * comparison; several v1 values are allowed (any one may match).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string | Uint8Array,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now(),
): boolean {
  if (!header || !secret) return false
  let timestamp: number | undefined
  const signatures: Buffer[] = []
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2) as [string, string?]
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'))
  }
  if (timestamp === undefined || signatures.length === 0) return false
  if (Math.abs(Math.floor(now / 1000) - timestamp) > toleranceSeconds) return false
  const expected = hmac(secret, timestamp, body)
  // Every candidate is compared, so the time taken does not say which one matched.
  let valid = false
  for (const signature of signatures) valid = timingSafeEqual(signature, expected) || valid
  return valid
}
