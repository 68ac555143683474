// "Follow your request" links in the requester's e-mails: each e-mail carries a fresh link that
// opens the request's status page once, within 7 days, without a code. Only the SHA-256 of its
// token is stored (as a requester_code row of purpose 'follow'), so a database dump opens nothing.
import { randomBytes } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import { appOrigin } from '~/modules/config/env.server'
import type { Tx } from '~/modules/db/tenant.server'
import { portalLinks } from './portal-links'

export const FOLLOW_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000
const FOLLOW_LINK_DAYS = FOLLOW_LINK_LIFETIME_MS / (24 * 60 * 60 * 1000)


type RequestRef = { id: string; workspaceId: string; reference: string }

/** A new follow link for the request; earlier ones keep working until used or expired. */
export async function issueFollowLink(tx: Tx, request: RequestRef, slug: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await tx.requesterCode.create({
    data: {
      workspaceId: request.workspaceId,
      requestId: request.id,
      purpose: 'follow',
      codeHash: '',
      linkHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + FOLLOW_LINK_LIFETIME_MS),
    },
  })
  return portalLinks(appOrigin(), slug).follow(request.reference, token)
}

/** The e-mail line that carries a fresh follow link, saying how long and how often it works. */
export async function followLine(tx: Tx, request: RequestRef, slug: string): Promise<string> {
  const link = await issueFollowLink(tx, request, slug)
  return `Follow your request here (the link opens it once, within ${FOLLOW_LINK_DAYS} days): ${link}`
}

/**
 * What a follow token is for this request: 'valid' (unused, unexpired), 'spent' (it was this
 * request's, but is used or expired) or 'unknown'. Reading it uses nothing.
 */
export async function followLinkState(tx: Tx, requestId: string, token: string): Promise<'valid' | 'spent' | 'unknown'> {
  const row = await tx.requesterCode.findFirst({
    where: { requestId, purpose: 'follow', linkHash: sha256Hex(token) },
    select: { usedAt: true, expiresAt: true },
  })
  if (!row) return 'unknown'
  return row.usedAt === null && row.expiresAt > new Date() ? 'valid' : 'spent'
}

/** Use the follow token up; true only for the one caller that used a valid token. */
export async function useFollowLink(tx: Tx, requestId: string, token: string): Promise<boolean> {
  const now = new Date()
  const used = await tx.requesterCode.updateMany({
    where: { requestId, purpose: 'follow', linkHash: sha256Hex(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  })
  return used.count === 1
}
