// The Authorized Agents a workspace accepts DRP requests from, kept by its owners and admins on
// the dashboard (step-up, audited). Removing an agent ends its token at once; the row stays, so
// the requests it sent keep their link, and adding the same id again reinstates it with the key
// given then.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { DrpAgent } from '~/generated/prisma/client'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type TenantContext, withTenant } from '~/modules/db/tenant.server'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { isOneLine } from '~/modules/formats/one-line'
import { verifyKeyBytes } from './verify-key'
import { AGENT_ID } from './wire'

export const agentInput = z.object({
  agentId: z.string().trim().regex(AGENT_ID, 'Enter the agent’s id from the DRP directory (letters, digits, _ . -, at most 100).'),
  name: z
    .string()
    .trim()
    .min(1, 'Enter the agent’s name.')
    .max(200, 'Keep the name under 200 characters.')
    .refine(isOneLine, 'Keep the name on one line.'),
  verifyKey: z
    .string()
    .trim()
    .refine((key) => verifyKeyBytes(key) !== null, 'Paste the agent’s Ed25519 verify key: 44 characters of base64, as the DRP directory gives it.'),
})
export type AgentInput = z.output<typeof agentInput>

export const listAgents = (tenant: TenantContext): Promise<DrpAgent[]> =>
  withTenant(tenant, (tx) => tx.drpAgent.findMany({ where: { removedAt: null }, orderBy: { createdAt: 'asc' } }))

/** Add the agent; false when an agent with that id is already registered here. */
export async function addAgent(tenant: TenantContext, input: AgentInput, origin: RequestOrigin): Promise<boolean> {
  try {
    return await addOnce(tenant, input, origin)
  } catch (error) {
    // Two members adding the same id at once: the second finds it taken.
    if (violatedUniqueConstraint(error) === 'drp_agent_once') return false
    throw error
  }
}

function addOnce(tenant: TenantContext, input: AgentInput, origin: RequestOrigin): Promise<boolean> {
  return withTenant(tenant, async (tx) => {
    const where = { workspaceId_agentId: { workspaceId: tenant.workspaceId, agentId: input.agentId } }
    const existing = await tx.drpAgent.findUnique({ where })
    if (existing && !existing.removedAt) return false
    const fields = { name: input.name, verifyKey: input.verifyKey, removedAt: null, tokenHash: null, tokenIssuedAt: null, pairingSha256: null }
    const agent = existing
      ? await tx.drpAgent.update({ where: { id: existing.id }, data: fields })
      : await tx.drpAgent.create({ data: { id: randomUUID(), workspaceId: tenant.workspaceId, agentId: input.agentId, ...fields } })
    await recordAudit(tx, { ...tenant, origin }, {
      action: 'drp_agent.add',
      target: { type: 'drp_agent', id: agent.id },
      after: { agentId: agent.agentId, name: agent.name, verifyKey: agent.verifyKey },
    })
    return true
  })
}

/** Remove the agent: its token stops working now. False when there is no such agent here. */
export async function removeAgent(tenant: TenantContext, id: string, origin: RequestOrigin): Promise<boolean> {
  return withTenant(tenant, async (tx) => {
    const { count } = await tx.drpAgent.updateMany({
      where: { id, removedAt: null },
      data: { removedAt: new Date(), tokenHash: null, tokenIssuedAt: null },
    })
    if (count === 0) return false
    await recordAudit(tx, { ...tenant, origin }, {
      action: 'drp_agent.remove',
      target: { type: 'drp_agent', id },
      before: { removed: false },
      after: { removed: true },
    })
    return true
  })
}
