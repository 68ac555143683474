// The pair-wise bearer tokens of §2.05: 32 random bytes (base64url) given to an agent once,
// stored only as their SHA-256, and looked up within the workspace the URL names.
import { createHash, randomBytes } from 'node:crypto'
import type { DrpAgent } from '~/generated/prisma/client'
import type { Tx } from '~/modules/db/tenant.server'

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

/** The agent whose token the Authorization header carries, in this workspace; null otherwise. */
export async function agentOfBearer(tx: Tx, authorization: string | null): Promise<DrpAgent | null> {
  const match = BEARER.exec(authorization?.trim() ?? '')
  if (!match) return null
  return tx.drpAgent.findUnique({ where: { tokenHash: hashToken(match[1]!) } })
}

/** Who acts in the audit log when an agent's signed request changes something. */
export const agentActor = (agent: Pick<DrpAgent, 'agentId'>) => ({ type: 'system', reason: `drp agent ${agent.agentId}` }) as const
