// Where Candor may send a workspace's webhooks. HTTPS to a public address; plain http only to
// this machine, and only outside production (developers testing a receiver). In production an
// address inside a private, loopback or link-local network is refused, when the URL names it
// and again when its name resolves to one at delivery time (delivery.server.ts), so an
// endpoint cannot be used to reach Candor's own network (metadata services, the database).
import { BlockList, isIP } from 'node:net'

export const MAX_URL_LENGTH = 2000

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const NOT_PUBLIC = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6')

/** Whether `ip` is an address on the public internet (not private, loopback, reserved…). */
export function isPublicAddress(ip: string): boolean {
  const version = isIP(ip)
  if (!version) return false
  // BlockList matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 ranges too.
  return !NOT_PUBLIC.check(ip, version === 4 ? 'ipv4' : 'ipv6')
}

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string }

/** Check an endpoint address as typed; `url` is its normal form (without a #fragment). */
export function checkEndpointUrl(input: string, options: { production: boolean }): UrlCheck {
  const text = input.trim()
  if (!text) return { ok: false, message: 'Enter the address that should receive the events.' }
  if (text.length > MAX_URL_LENGTH) return { ok: false, message: `Use at most ${MAX_URL_LENGTH} characters.` }
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
  const host = url.hostname.toLowerCase()
  if (url.protocol === 'http:') {
    if (!options.production && LOOPBACK_HOSTS.has(host)) return { ok: true, url: url.toString() }
    return { ok: false, message: 'Use an https:// address (plain http only reaches localhost, and only outside production).' }
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'Use an https:// address.' }
  if (options.production) {
    const literal = host.startsWith('[') ? host.slice(1, -1) : host
    if (host === 'localhost' || host.endsWith('.localhost') || (isIP(literal) && !isPublicAddress(literal))) {
      return { ok: false, message: 'Use an address on the public internet, not one inside a private network.' }
    }
  }
  return { ok: true, url: url.toString() }
}
