// Filing a privacy request (portal or API) and confirming the requester's e-mail. A request
// counts as received, in law and on the clock, only once the e-mail is confirmed.
import { randomUUID } from 'node:crypto'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { type AuditScope, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import {
  type PublicWorkspace,
  type TenantContext,
  type Tx,
  withPublicWorkspace,
  withTenant,
} from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { newReference } from '~/modules/formats/reference.server'
import { type RateLimit, type Refusal, firstRefusal, requireUnderLimits } from '~/modules/security/rate-limit.server'
import { ERASURE_STATEMENT_INCLUDE, type RequestWithErasureTasks } from './erasure-statement'
import type { RequestInput } from './portal-form'
import { REQUEST_TYPES } from './request-kinds'
import {
  type RequesterProof,
  VERIFY_LIFETIME_MS,
  checkRequesterCode,
  issueRequesterCode,
  requestOfLink,
} from './requester-codes.server'
import { portalLinks } from './portal-links'
import { startRequest } from './start-request.server'
import { addEvent } from './timeline.server'

export const PORTAL_LIMITS = {
  perIp: { name: 'portal.file.ip', limit: 10, windowSeconds: 60 * 60 },
  perEmail: { name: 'portal.file.email', limit: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, RateLimit>

/**
 * Filing through the API e-mails the requester (a confirmation, or the notice of receipt), so it
 * is limited per API key and per workspace, each hour.
 */
export const API_FILING_LIMITS = {
  perKey: { name: 'api.file.key', limit: 100, windowSeconds: 60 * 60 },
  perWorkspace: { name: 'api.file.workspace', limit: 300, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>

export type FileResult =
  | { outcome: 'filed'; reference: string }
  | Refusal
  | { outcome: 'no_workspace' }

/**
 * File a request for the workspace at `slug` and e-mail the requester a code and a link to
 * confirm it. Rate limited per address and per e-mail (the limits hold across instances).
 */
export async function fileRequest(
  slug: string,
  input: RequestInput & { timeZone?: string | null },
  origin: RequestOrigin & { portalOrigin: string },
): Promise<FileResult> {
  const refusal = await firstRefusal([
    [PORTAL_LIMITS.perIp, origin.ip ?? 'unknown', 'address'],
    [PORTAL_LIMITS.perEmail, `${slug}:${input.email}`, 'email'],
  ])
  if (refusal) return refusal
  const filed = await withPublicWorkspace(slug, async (tx, workspace) => {
    const requestId = randomUUID()
    const request = await insertRequest(tx, workspace, requestId, input, origin.portalOrigin)
    await sendConfirmation(tx, workspace, request)
    // Last: from here to the commit, every other filing to this workspace waits (decision 017).
    await recordFiling(tx, { workspaceId: workspace.id, actor: { type: 'subject', requestId }, origin }, request)
    return request.reference
  })
  return filed === null ? { outcome: 'no_workspace' } : { outcome: 'filed', reference: filed }
}

/**
 * File a request through the API, for a company that keeps its own intake form. When the
 * company has already verified the requester's e-mail, the request is received at once;
 * otherwise the requester confirms it like a portal request.
 */
export async function fileRequestByApi(
  tenant: TenantContext,
  input: RequestInput & { emailVerified: boolean },
  origin: RequestOrigin & { portalOrigin: string },
): Promise<PrivacyRequest & RequestWithErasureTasks> {
  return withTenant(tenant, (tx) => fileRequestIn(tx, tenant, input, origin))
}

/**
 * `fileRequestByApi`'s work inside the caller's transaction, for a caller that records more in
 * the same transaction (a Data Rights Protocol request and its row).
 */
export async function fileRequestIn(
  tx: Tx,
  tenant: TenantContext,
  input: RequestInput & { emailVerified: boolean },
  origin: RequestOrigin & { portalOrigin: string },
): Promise<PrivacyRequest & RequestWithErasureTasks> {
  const { actor } = tenant
  await requireUnderLimits(
    tx,
    [
      ...(actor.type === 'api_key' ? [[API_FILING_LIMITS.perKey, actor.apiKeyId] as const] : []),
      [API_FILING_LIMITS.perWorkspace, tenant.workspaceId],
    ],
    'Too many requests were filed through the API in the last hour.',
  )
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: tenant.workspaceId },
    select: { id: true, slug: true, name: true, timeZone: true },
  })
  const request = await insertRequest(tx, workspace, randomUUID(), input, origin.portalOrigin)
  await recordFiling(tx, { ...tenant, origin }, request)
  if (input.emailVerified) await startRequest(tx, workspace, request, { ...tenant, origin })
  else await sendConfirmation(tx, workspace, request)
  // With its tasks: the API answers with what an erasure covers (none done yet).
  return tx.privacyRequest.findUniqueOrThrow({ where: { id: request.id }, include: ERASURE_STATEMENT_INCLUDE })
}

async function insertRequest(
  tx: Tx,
  workspace: PublicWorkspace,
  id: string,
  input: RequestInput & { timeZone?: string | null },
  portalOrigin: string,
): Promise<PrivacyRequest> {
  const request = await tx.privacyRequest.create({
    data: {
      id,
      workspaceId: workspace.id,
      reference: newReference('R'),
      type: input.type,
      jurisdiction: input.jurisdiction,
      subjectName: input.subjectName,
      email: input.email,
      relationship: input.relationship,
      details: input.details,
      agentName: input.agentName,
      agentAuthority: input.agentAuthority,
      timeZone: input.timeZone ?? null,
      portalOrigin,
    },
  })
  await addEvent(tx, request, { kind: 'submitted', public: true, body: 'Request filed.' })
  return request
}

async function recordFiling(tx: Tx, scope: AuditScope, request: PrivacyRequest): Promise<void> {
  await recordAudit(tx, scope, {
    action: 'request.file',
    target: { type: 'privacy_request', id: request.id },
    after: { reference: request.reference, type: request.type, jurisdiction: request.jurisdiction },
  })
}

async function sendConfirmation(tx: Tx, workspace: PublicWorkspace, request: PrivacyRequest): Promise<void> {
  // Only ever for a request filed in this transaction.
  const { code, linkToken } = await issueRequesterCode(tx, request, 'verify', { newRequest: true })
  const links = portalLinks(request.portalOrigin, workspace.slug)
  const days = VERIFY_LIFETIME_MS / (24 * 60 * 60 * 1000)
  await queueEmail(tx, workspace.id, {
    to: request.email,
    subject: `Confirm your privacy request to ${workspace.name}: ${code}`,
    text: [
      `You (or someone using your address) asked ${workspace.name}: "${REQUEST_TYPES[request.type].label}".`,
      `Reference: ${request.reference}`,
      '',
      `To confirm it, enter this code: ${code}`,
      `or open this link: ${links.confirm(linkToken)}`,
      '',
      `The request is received, and its legal deadline starts, only once you confirm it. Unconfirmed requests are deleted after ${days} days.`,
      'If you did not make this request, ignore this e-mail.',
    ].join('\n'),
  }, { branded: true })
}

export type ConfirmResult =
  | { outcome: 'confirmed'; reference: string }
  | { outcome: 'already_confirmed'; reference: string }
  | { outcome: 'wrong' | 'locked' | 'expired' | 'none' }

/**
 * Confirm the request at `reference` (by code) or the one a link token belongs to: it is
 * received now, its clock starts, its tasks are created, and the requester is told.
 */
export async function confirmRequest(
  slug: string,
  target: { reference: string; proof: { code: string } } | { proof: { linkToken: string } },
  origin: RequestOrigin,
): Promise<ConfirmResult | null> {
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const request =
      'reference' in target
        ? await tx.privacyRequest.findUnique({ where: { workspaceId_reference: { workspaceId: workspace.id, reference: target.reference } } })
        : await findByLink(tx, target.proof.linkToken)
    if (!request) return { outcome: 'none' }
    if (request.state !== 'unverified') return { outcome: 'already_confirmed', reference: request.reference }
    const check = await checkRequesterCode(tx, request.id, 'verify', target.proof as RequesterProof)
    if (check !== 'ok') return { outcome: check }
    await startRequest(tx, workspace, request, { workspaceId: workspace.id, actor: { type: 'subject', requestId: request.id }, origin })
    return { outcome: 'confirmed', reference: request.reference }
  })
}

async function findByLink(tx: Tx, linkToken: string) {
  const requestId = await requestOfLink(tx, 'verify', linkToken)
  return requestId ? tx.privacyRequest.findUnique({ where: { id: requestId } }) : null
}
