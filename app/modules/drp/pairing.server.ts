// Pair-wise key setup (§2.05) and agent information (§2.06). An agent registered in the
// workspace signs a setup message; a valid one gets a fresh bearer token (any earlier one stops
// working), whose hash is stored. Every failure of the setup is a bare 403, as the spec says.
import { recordAudit, type RequestOrigin } from '~/modules/audit/record.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { agentActor, agentOfBearer, newToken } from './bearer.server'
import { checkSignedEnvelope } from './signed-claims.server'
import { AGENT_ID, drpError, pairingFields } from './wire'

const forbidden = () => new Response(null, { status: 403 })

export async function setUpPairing(slug: string, agentId: string, body: string, origin: RequestOrigin): Promise<Response> {
  if (!AGENT_ID.test(agentId)) return forbidden()
  const answer = await withPublicWorkspace(slug, async (tx, workspace) => {
    const agent = await tx.drpAgent.findUnique({ where: { workspaceId_agentId: { workspaceId: workspace.id, agentId } } })
    if (!agent || agent.removedAt) return forbidden()
    const checked = checkSignedEnvelope(body, agent, workspace.slug)
    if (!checked.ok || !pairingFields.safeParse(checked.claims).success) return forbidden()
    // A setup message is honoured once: replaying it would hand its bearer a new token.
    if (agent.pairingSha256 === checked.sha256) return forbidden()
    const { token, hash } = newToken()
    await tx.drpAgent.update({
      where: { id: agent.id },
      data: { tokenHash: hash, tokenIssuedAt: new Date(), pairingSha256: checked.sha256 },
    })
    await recordAudit(tx, { workspaceId: workspace.id, actor: agentActor(agent), origin }, {
      action: 'drp_agent.pair',
      target: { type: 'drp_agent', id: agent.id },
      after: { agentId: agent.agentId, tokenReplaced: agent.tokenHash !== null },
    })
    return Response.json({ 'agent-id': agent.agentId, token })
  })
  return answer ?? forbidden()
}

export async function agentInformation(slug: string, agentId: string, authorization: string | null): Promise<Response> {
  const answer = await withPublicWorkspace(slug, async (tx) => {
    const agent = await agentOfBearer(tx, authorization)
    if (!agent || agent.agentId !== agentId) return drpError(403, 'The bearer token does not belong to this agent here.')
    return Response.json({})
  })
  return answer ?? drpError(404, 'There is no covered business at this address.')
}
