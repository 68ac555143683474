// Where Candor may send a workspace's webhooks. HTTPS to a public address; plain http only to
// this machine, and only outside production (developers testing a receiver). In production an
// address that is not public (security/public-address.ts: private, loopback, link-local and
// every special-purpose range) is refused, when the URL names it and again when its name
// resolves to one at delivery time (delivery.server.ts), so an endpoint cannot be used to reach
// Candor's own network (metadata services, the database).
import { isIP } from 'node:net'
import { isPublicAddress } from '~/modules/security/public-address'

export const MAX_URL_LENGTH = 2000

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const tooLong = {
  ok: false,
  message: `Keep “Endpoint URL” under ${MAX_URL_LENGTH.toLocaleString('en')} characters, counting each special character as its %-encoding.`,
} as const

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string }

/** Check an endpoint address as typed; `url` is its normal form (without a #fragment). */
export function checkEndpointUrl(input: string, options: { production: boolean }): UrlCheck {
  const text = input.trim()
  if (!text) return { ok: false, message: 'Enter the address that should receive the events.' }
  if (text.length > MAX_URL_LENGTH) return tooLong
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, message: 'Enter a full address, like https://example.com/candor-webhooks.' }
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave the user name and password out of the address: the signature proves each call is from Candor.' }
  }
  url.hash = ''
  // The normal form is what is stored (the column holds 2,000 characters): percent-encoding
  // and punycode make it longer than what was typed.
  const normal = url.toString()
  if (normal.length > MAX_URL_LENGTH) return tooLong
  const host = url.hostname.toLowerCase()
  if (url.protocol === 'http:') {
    if (!options.production && LOOPBACK_HOSTS.has(host)) return { ok: true, url: normal }
    return { ok: false, message: 'Use an https:// address (plain http only reaches localhost, and only outside production).' }
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'Use an https:// address.' }
  if (options.production) {
    const literal = host.startsWith('[') ? host.slice(1, -1) : host
    if (host === 'localhost' || host.endsWith('.localhost') || (isIP(literal) && !isPublicAddress(literal))) {
      return { ok: false, message: 'Use an address on the public internet, not one inside a private network.' }
    }
  }
  return { ok: true, url: normal }
}
