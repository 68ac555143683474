// Whether an IP address is on the public internet: the rule that keeps Candor's outgoing calls
// (webhook deliveries today, data-system connectors later) out of its own network (loopback,
// private and link-local networks, cloud metadata services) and out of every range IANA sets
// aside for a special purpose. Apply it to the address a URL names and to every address its
// name resolves to, at connection time.
import { BlockList, isIP } from 'node:net'

/**
 * IPv4: every entry of IANA's IPv4 Special-Purpose Address Registry (also those it marks
 * globally reachable, such as AS112 and AMT: no webhook lives there), multicast and the rest of
 * class E, which holds the limited broadcast address 255.255.255.255.
 */
const IPV4_NOT_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8], // "this network" (RFC 791)
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services (RFC 3927)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments: DS-Lite, NAT64 discovery, … (RFC 6890)
  ['192.0.2.0', 24], // documentation, TEST-NET-1 (RFC 5737)
  ['192.31.196.0', 24], // AS112-v4 (RFC 7535)
  ['192.52.193.0', 24], // AMT (RFC 7450)
  ['192.88.99.0', 24], // 6to4 relay anycast, deprecated (RFC 7526)
  ['192.168.0.0', 16], // private
  ['192.175.48.0', 24], // direct delegation AS112 (RFC 7534)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast (RFC 5771)
  ['240.0.0.0', 4], // reserved (RFC 1112), with 255.255.255.255
]

/**
 * IPv6: only global unicast (2000::/3) may be public. That leaves out, by construction, ::/128,
 * ::1, the forms that carry an IPv4 address and would reach it through the host's own stack
 * (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96 as in ::7f00:1, IPv4-translated
 * ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48), discard 100::/64, SRv6 5f00::/16,
 * unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10 and multicast ff00::/8.
 */
const IPV6_GLOBAL_UNICAST: [string, number] = ['2000::', 3]

/** The registry's entries inside global unicast. */
const IPV6_NOT_PUBLIC: [string, number][] = [
  ['2001::', 23], // IETF protocol assignments: Teredo 2001::/32 (carries an IPv4 address), benchmarking, ORCHID, AMT, AS112, … (RFC 2928)
  ['2001:db8::', 32], // documentation (RFC 3849)
  ['2002::', 16], // 6to4 (RFC 3056): carries an IPv4 address
  ['2620:4f:8000::', 48], // direct delegation AS112 (RFC 7534)
  ['3fff::', 20], // documentation (RFC 9637)
]

function blockList(subnets: [string, number][], type: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList()
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, type)
  return list
}

const v4NotPublic = blockList(IPV4_NOT_PUBLIC, 'ipv4')
const v6GlobalUnicast = blockList([IPV6_GLOBAL_UNICAST], 'ipv6')
const v6NotPublic = blockList(IPV6_NOT_PUBLIC, 'ipv6')

/** Whether `ip` (an address, not a name) is on the public internet. */
export function isPublicAddress(ip: string): boolean {
  switch (isIP(ip)) {
    case 4:
      return !v4NotPublic.check(ip, 'ipv4')
    case 6:
      return v6GlobalUnicast.check(ip, 'ipv6') && !v6NotPublic.check(ip, 'ipv6')
    default:
      return false
  }
}
