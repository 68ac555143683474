// The Data Rights Revoke endpoint (§2.04): the agent withdraws an open or in-progress request,
// in a signed message whose one field is the user's reason. Candor closes the privacy request
// the way a refusal does (its tasks stop, nothing collected is sent), with the ground
// `withdrawn`, and the requester is told; one never received (e-mail unconfirmed) is deleted.
// The agent's status says `revoked` either way.
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { CLOSED_STATES } from '~/modules/dsar/request-kinds'
import { addEvent } from '~/modules/dsar/timeline.server'
import { isUuid } from '~/modules/formats/uuid'
import { emitRequestEvent } from '~/modules/webhooks/emit.server'
import { agentActor, agentOfBearer } from './bearer.server'
import { loadExerciseStatus } from './request-status.server'
import { openSigned } from './signed-claims.server'
import { drpError, firstProblem, revokeFields } from './wire'

export async function revokeRequest(slug: string, requestId: string, authorization: string | null, body: string, origin: RequestOrigin): Promise<Response> {
  const answer = await withPublicWorkspace(slug, async (tx, workspace) => {
    const agent = await agentOfBearer(tx, authorization)
    if (!agent) return drpError(403, 'Present the bearer token from POST /v1/agent/{agent-id} (Authorization: Bearer …).')
    const opened = openSigned(body, agent)
    if (!opened.ok) return drpError(opened.status, opened.message)
    const parsed = revokeFields.safeParse(opened.claims)
    if (!parsed.success) return drpError(400, firstProblem(parsed.error))
    const drp = isUuid(requestId) ? await tx.drpRequest.findUnique({ where: { id: requestId } }) : null
    if (!drp) return drpError(404, 'There is no Data Rights Request with this id here.')
    if (drp.agentId !== agent.id) return drpError(403, 'Another agent manages this request.')
    if (drp.revokedAt) return Response.json(await loadExerciseStatus(tx, drp, workspace.slug))
    // Row lock: a member closing the request at the same moment takes turns with us.
    const [locked] = drp.privacyRequestId
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM privacy_request WHERE id = ${drp.privacyRequestId}::uuid FOR UPDATE`
      : []
    const request = locked ? await tx.privacyRequest.findUnique({ where: { id: locked.id } }) : null
    if (!request || CLOSED_STATES.includes(request.state)) {
      const now = await loadExerciseStatus(tx, drp, workspace.slug)
      return drpError(409, `The request is already ${now.status}: only an open or in-progress request can be revoked.`)
    }
    const reason = parsed.data.reason?.trim() || null
    const at = new Date()
    const revoked = await tx.drpRequest.update({ where: { id: drp.id }, data: { revokedAt: at, revokeReason: reason } })
    const scope = { workspaceId: workspace.id, actor: agentActor(agent), origin }
    const audit = { action: 'drp_request.revoke', target: { type: 'privacy_request', id: request.id }, before: { state: request.state } }
    if (request.state === 'unverified') {
      // Never received (the e-mail was not confirmed): deleted, as dsar.expire would after 7
      // days, so its confirmation link no longer starts it.
      await tx.privacyRequest.delete({ where: { id: request.id } })
      await recordAudit(tx, scope, { ...audit, after: { state: 'deleted', drpRequestId: drp.id } })
      return Response.json(await loadExerciseStatus(tx, { ...revoked, privacyRequestId: null }, workspace.slug))
    }
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { state: 'rejected', rejectedAt: at, rejectionGround: 'withdrawn', rejectionReason: `Withdrawn by the authorized agent ${agent.name}${reason ? `: ${reason}` : '.'}` },
    })
    await tx.requestPause.updateMany({ where: { requestId: request.id, endedAt: null }, data: { endedAt: at } })
    const text = `Your authorized agent ${agent.name} withdrew your request ${request.reference}; ${workspace.name} stopped working on it.`
    await addEvent(tx, request, { kind: 'rejected', public: true, body: text })
    await queueEmail(tx, workspace.id, { to: request.email, subject: `${workspace.name}: your privacy request was withdrawn (${request.reference})`, text }, { branded: true })
    await emitRequestEvent(tx, request, 'request.rejected')
    await recordAudit(tx, scope, { ...audit, after: { state: 'rejected', drpRequestId: drp.id } })
    return Response.json(await loadExerciseStatus(tx, revoked, workspace.slug))
  })
  return answer ?? drpError(404, 'There is no covered business at this address.')
}
