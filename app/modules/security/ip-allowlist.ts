// A workspace's IP allowlist: IPv4 and IPv6 addresses and CIDR ranges. An empty list allows
// every address. Parsing reports each bad line in words; matching uses Node's BlockList (which
// also matches IPv4-mapped IPv6 addresses such as ::ffff:192.0.2.1 against IPv4 ranges).
import { BlockList, isIP } from 'node:net'

export const MAX_ALLOWLIST_ENTRIES = 100

export type ParsedAllowlist = { entries: string[]; errors: string[] }

/** One entry per line (commas also separate); blank lines and `# comments` are ignored. */
export function parseAllowlist(text: string): ParsedAllowlist {
  const entries: string[] = []
  const errors: string[] = []
  const lines = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
  for (const line of lines) {
    const normalised = normaliseEntry(line)
    if (normalised) entries.push(normalised)
    else errors.push(`“${line.slice(0, 60)}” is not an IP address or range (like 203.0.113.0/24 or 2001:db8::/32).`)
  }
  if (entries.length > MAX_ALLOWLIST_ENTRIES) errors.push(`Use at most ${MAX_ALLOWLIST_ENTRIES} entries.`)
  return { entries: [...new Set(entries)], errors }
}

function normaliseEntry(entry: string): string | null {
  const [address = '', prefixText, ...rest] = entry.split('/')
  const version = isIP(address)
  if (!version || rest.length > 0) return null
  const max = version === 4 ? 32 : 128
  if (prefixText === undefined) return `${address.toLowerCase()}/${max}`
  if (!/^\d{1,3}$/.test(prefixText)) return null
  const prefix = Number(prefixText)
  if (prefix < (version === 4 ? 8 : 16) || prefix > max) return null
  return `${address.toLowerCase()}/${prefix}`
}

/** Whether `ip` may reach a workspace with this allowlist. */
export function allowedByList(entries: readonly string[], ip: string): boolean {
  if (entries.length === 0) return true
  const list = new BlockList()
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string]
    list.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6')
  }
  const version = isIP(ip)
  if (!version) return false
  return list.check(ip, version === 4 ? 'ipv4' : 'ipv6')
}
