// The Data Rights Exercise endpoint (§2.01) and the status endpoint (§2.02). A valid signed
// request becomes a Candor privacy request through the API's filing path, in one transaction
// with its `drp_request` row and audit entry; its status is then always computed afresh.
import { randomUUID } from 'node:crypto'
import type { DrpAgent } from '~/generated/prisma/client'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { env } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { fileRequestIn } from '~/modules/dsar/file-request.server'
import { type RequestInput, requestInput } from '~/modules/dsar/portal-form'
import { isUuid } from '~/modules/formats/uuid'
import { RateLimitedError } from '~/modules/security/rate-limit.server'
import { checkEndpointUrl } from '~/modules/webhooks/endpoint-url'
import { agentActor, agentOfBearer } from './bearer.server'
import { loadExerciseStatus } from './request-status.server'
import { checkSignedEnvelope } from './signed-claims.server'
import { EXERCISES, type ExerciseFields, drpError, exerciseFields, firstProblem } from './wire'

const NO_TOKEN = 'Present the bearer token from POST /v1/agent/{agent-id} (Authorization: Bearer …).'
const NO_BUSINESS = 'There is no covered business at this address.'

class Replayed extends Error {}

export async function exerciseRights(slug: string, authorization: string | null, body: string, origin: RequestOrigin & { portalOrigin: string }): Promise<Response> {
  try {
    const answer = await withPublicWorkspace(slug, async (tx, workspace) => {
      const agent = await agentOfBearer(tx, authorization)
      if (!agent) return drpError(403, NO_TOKEN)
      const checked = checkSignedEnvelope(body, agent, workspace.slug)
      if (!checked.ok) return drpError(checked.status, checked.message, { fatal: checked.fatal })
      const parsed = exerciseFields.safeParse(checked.claims)
      if (!parsed.success) return drpError(400, firstProblem(parsed.error))
      const fields = parsed.data
      const callback = fields.status_callback === undefined ? null : checkEndpointUrl(fields.status_callback, { production: env().NODE_ENV === 'production' })
      if (callback && !callback.ok) return drpError(400, `status_callback: ${callback.message}`)
      const input = candorRequest(agent, fields)
      if (!input.ok) return drpError(400, input.message)

      const earlier = await tx.drpRequest.findFirst({
        where: { agentId: agent.id, OR: [{ messageSha256: checked.sha256 }, ...(fields['agent-request-id'] ? [{ agentRequestId: fields['agent-request-id'] }] : [])] },
        select: { id: true },
      })
      if (earlier) throw new Replayed()
      const tenant = { workspaceId: workspace.id, actor: agentActor(agent) }
      const filed = await fileRequestIn(tx, tenant, input.value, origin)
      const drp = await tx.drpRequest.create({
        data: {
          id: randomUUID(),
          workspaceId: workspace.id,
          agentId: agent.id,
          privacyRequestId: filed.id,
          agentRequestId: fields['agent-request-id'] ?? null,
          messageSha256: checked.sha256,
          exercise: fields.exercise,
          statusCallback: callback?.ok ? callback.url : null,
        },
      })
      const status = await loadExerciseStatus(tx, drp, workspace.slug)
      await recordAudit(tx, { ...tenant, origin }, {
        action: 'drp_request.receive',
        target: { type: 'privacy_request', id: filed.id },
        after: { drpRequestId: drp.id, exercise: fields.exercise, status: status.status },
      })
      return Response.json(status)
    })
    return answer ?? drpError(404, NO_BUSINESS)
  } catch (error) {
    if (error instanceof Replayed || violatedUniqueConstraint(error)?.startsWith('drp_request_')) {
      return drpError(409, 'This request was already received (the same agent-request-id or signed message): it is not filed twice.', { fatal: true })
    }
    if (error instanceof RateLimitedError) return drpError(429, error.message)
    throw error
  }
}

export async function requestStatus(slug: string, requestId: string, authorization: string | null): Promise<Response> {
  const answer = await withPublicWorkspace(slug, async (tx, workspace) => {
    const agent = await agentOfBearer(tx, authorization)
    if (!agent) return drpError(403, NO_TOKEN)
    const drp = isUuid(requestId) ? await tx.drpRequest.findUnique({ where: { id: requestId } }) : null
    if (!drp) return drpError(404, 'There is no Data Rights Request with this id here.')
    if (drp.agentId !== agent.id) return drpError(403, 'Another agent manages this request.')
    return Response.json(await loadExerciseStatus(tx, drp, workspace.slug))
  })
  return answer ?? drpError(404, NO_BUSINESS)
}

type Built = { ok: true; value: RequestInput & { emailVerified: boolean } } | { ok: false; message: string }

/** The request the agent asks for, in Candor's terms, checked by the portal's own rules. */
function candorRequest(agent: Pick<DrpAgent, 'agentId' | 'name'>, fields: ExerciseFields): Built {
  if (!fields.name?.trim() || !fields.email?.trim()) {
    return { ok: false, message: 'Send the person’s name and email claims: the company finds their data by them.' }
  }
  const parsed = requestInput.safeParse({
    type: EXERCISES[fields.exercise],
    subjectName: fields.name,
    email: fields.email,
    relationship: fields.relationships?.includes('customer') ? 'customer' : 'other',
    jurisdiction: fields.regime === 'ccpa' ? 'ccpa' : 'other',
    details: details(fields),
    agent: 'agent',
    agentName: agent.name,
    agentAuthority: `Authorized agent ${agent.agentId} of the Data Rights Protocol: the request was signed with its registered key.${fields.power_of_attorney ? ` Power of attorney: ${fields.power_of_attorney}` : ''}`,
  })
  if (!parsed.success) return { ok: false, message: firstProblem(parsed.error) }
  return { ok: true, value: { ...parsed.data, emailVerified: fields.email_verified === true } }
}

/** What the agent says beyond name and e-mail, for the staff who match the person. */
function details(fields: ExerciseFields): string {
  const verified = (flag: boolean | undefined) => (flag ? ' (verified by the agent)' : ' (not verified by the agent)')
  const address = fields.address
  const addressText = address
    ? address.formatted ?? [address.street_address, address.locality, address.region, address.postal_code, address.country].filter(Boolean).join(', ')
    : ''
  return [
    `Filed through the Data Rights Protocol (${fields.exercise}${fields.regime ? `, ${fields.regime}` : ', no legal regime given'}).`,
    `E-mail address${verified(fields.email_verified)}.`,
    ...(fields.phone_number ? [`Phone number: ${fields.phone_number}${verified(fields.phone_number_verified)}.`] : []),
    ...(addressText ? [`Address: ${addressText}${verified(fields.address_verified)}.`] : []),
    ...(fields.relationships?.length ? [`Relationship hints: ${fields.relationships.join(', ')}.`] : []),
  ].join('\n')
}
