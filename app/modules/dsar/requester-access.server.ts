// The requester's way back to their request: reference and e-mail → a code (or link) by
// e-mail → a 30-minute session on that request's page, whose token is a cookie scoped to the
// workspace's portal. The same answer whether or not the reference and e-mail match.
import { createCookie } from 'react-router'
import type { PrivacyRequest } from '~/generated/prisma/client'
import { appOrigin, isProduction } from '~/modules/config/env.server'
import { type PublicWorkspace, type Tx, withPublicWorkspace } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type RateLimit, consumeRateLimit } from '~/modules/security/rate-limit.server'
import { portalLinks } from './portal-links'
import {
  type CodeCheck,
  type RequesterProof,
  SESSION_LIFETIME_MS,
  STATUS_CODE_LIFETIME_MS,
  checkRequesterCode,
  issueRequesterCode,
  openRequesterSession,
  requestOfSession,
} from './requester-codes.server'

export const STATUS_LIMITS = {
  codesPerIp: { name: 'portal.status.ip', limit: 20, windowSeconds: 60 * 60 },
  codesPerRequest: { name: 'portal.status.request', limit: 5, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>

export function requesterCookie(slug: string) {
  const production = isProduction()
  return createCookie(production ? '__Secure-candor_requester' : 'candor_requester', {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: `/p/${slug}`,
    maxAge: SESSION_LIFETIME_MS / 1000,
  })
}

export type SendResult = { outcome: 'sent' } | { outcome: 'rate_limited'; retryAfterSeconds: number } | null

/**
 * E-mail a status code for the request at `reference` if `email` is its address. The answer
 * is 'sent' either way (no one learns whether a request exists); null: no such portal.
 */
export async function sendStatusCode(
  slug: string,
  input: { reference: string; email: string },
  clientIp: string,
  portalOrigin: string,
): Promise<SendResult> {
  const refusal = await statusCodeRefusal(slug, input.reference, clientIp)
  if (refusal) return refusal
  return withPublicWorkspace(slug, async (tx, workspace) => {
    const request = await findRequest(tx, workspace, input.reference)
    if (!request || request.email !== input.email || request.state === 'unverified') return { outcome: 'sent' }
    await mailStatusCode(tx, workspace, request, portalOrigin)
    return { outcome: 'sent' }
  })
}

/**
 * A follow link that was this request's but is used or expired: e-mail a fresh code to the
 * request's own address, under the same limits as asking for one. Only the request's e-mail
 * can have held the link, so the code goes nowhere new.
 */
export async function mailCodeForSpentLink(
  tx: Tx,
  workspace: PublicWorkspace,
  request: PrivacyRequest,
  clientIp: string,
): Promise<SendResult> {
  const refusal = await statusCodeRefusal(workspace.slug, request.reference, clientIp)
  if (refusal) return refusal
  await mailStatusCode(tx, workspace, request, appOrigin())
  return { outcome: 'sent' }
}

async function statusCodeRefusal(slug: string, reference: string, clientIp: string) {
  for (const [rule, subject] of [
    [STATUS_LIMITS.codesPerIp, clientIp],
    [STATUS_LIMITS.codesPerRequest, `${slug}:${reference}`],
  ] as const) {
    const limit = await consumeRateLimit(rule, subject)
    if (!limit.allowed) return { outcome: 'rate_limited' as const, retryAfterSeconds: limit.retryAfterSeconds }
  }
  return null
}

async function mailStatusCode(tx: Tx, workspace: PublicWorkspace, request: PrivacyRequest, portalOrigin: string) {
  const { code, linkToken } = await issueRequesterCode(tx, request, 'status')
  const page = portalLinks(portalOrigin, workspace.slug).status(request.reference)
  await queueEmail(tx, workspace.id, {
    to: request.email,
    subject: `Your code to follow request ${request.reference}: ${code}`,
    text: [
      `Your code is ${code}`,
      `or open this link: ${page}?token=${linkToken}`,
      '',
      `It works once, for ${STATUS_CODE_LIFETIME_MS / 60_000} minutes. If you did not ask for it, ignore this e-mail.`,
    ].join('\n'),
  }, { branded: true })
}

export function findRequest(tx: Tx, workspace: PublicWorkspace, reference: string) {
  return tx.privacyRequest.findUnique({ where: { workspaceId_reference: { workspaceId: workspace.id, reference } } })
}

/** Check a status code or link token; when right, open a session and return its token. */
export async function openStatusSession(
  tx: Tx,
  request: PrivacyRequest,
  proof: RequesterProof,
): Promise<{ check: CodeCheck; token?: string }> {
  const check = await checkRequesterCode(tx, request.id, 'status', proof)
  if (check !== 'ok') return { check }
  return { check, token: await openRequesterSession(tx, request) }
}

/** The request whose page the cookie opens, if it is this one and the session lasts. */
export async function sessionRequest(tx: Tx, request: PrivacyRequest, cookieHeader: string | null, slug: string) {
  const token: unknown = await requesterCookie(slug).parse(cookieHeader)
  if (typeof token !== 'string') return false
  return (await requestOfSession(tx, token)) === request.id
}
