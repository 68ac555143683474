// Where Candor may reach a customer's data system: a public address, unless this Candor is set
// up to reach private ones (DATA_SYSTEMS_PRIVATE_NETWORKS=allow, or outside production). The
// name is resolved here and the connection goes to the address checked, so a name that changes
// between the check and the connection (DNS rebinding) cannot lead to Candor's own network.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { env } from '~/modules/config/env.server'
import { isPublicAddress } from '~/modules/security/public-address'

export class UnreachableSystemError extends Error {}

export const privateNetworksAllowed = () => {
  const { DATA_SYSTEMS_PRIVATE_NETWORKS, NODE_ENV } = env()
  return DATA_SYSTEMS_PRIVATE_NETWORKS ? DATA_SYSTEMS_PRIVATE_NETWORKS === 'allow' : NODE_ENV !== 'production'
}

/** The address to connect to for `host`, checked; throws a message for staff when refused or unknown. */
export async function reachableAddress(host: string): Promise<string> {
  const literal = host.startsWith('[') ? host.slice(1, -1) : host
  let address = literal
  if (!isIP(literal)) {
    try {
      address = (await lookup(literal)).address
    } catch {
      throw new UnreachableSystemError(`The host name ${host} could not be found.`)
    }
  }
  if (!privateNetworksAllowed() && !isPublicAddress(address)) {
    throw new UnreachableSystemError(
      `${host} is on a private network (${address}), which this Candor does not reach. A self-hosted Candor can allow it with DATA_SYSTEMS_PRIVATE_NETWORKS=allow.`,
    )
  }
  return address
}
