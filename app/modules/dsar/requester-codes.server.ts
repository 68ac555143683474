// Proof that the requester reads the request's e-mail: a 6-digit code and a link token, stored
// as hashes. 'verify' confirms a new request; 'status' opens its status page, which then lives
// in a short 'session' whose token is the page's cookie. Attempts are counted here, on the
// server, and at most MAX_ATTEMPTS wrong codes are tried before the code is locked.
import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import type { Tx } from '~/modules/db/tenant.server'

export const MAX_ATTEMPTS = 5
/** An unverified request expires after 7 days: its confirmation works as long as it lives. */
export const VERIFY_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000
export const STATUS_CODE_LIFETIME_MS = 15 * 60 * 1000
export const SESSION_LIFETIME_MS = 30 * 60 * 1000

export type CodePurpose = 'verify' | 'status'
export type RequesterProof = { code: string } | { linkToken: string }
export type CodeCheck = 'ok' | 'wrong' | 'locked' | 'expired' | 'none'

const codeHash = (id: string, code: string) => sha256Hex(`${id}:${code}`)

type RequestRef = { id: string; workspaceId: string }

/**
 * A new code and link token for `purpose`; earlier unused ones of that purpose stop working. A
 * request filed in this same transaction (`{ newRequest: true }`) has none to revoke: one round
 * trip fewer for every filing.
 */
export async function issueRequesterCode(
  tx: Tx,
  request: RequestRef,
  purpose: CodePurpose,
  options: { newRequest?: boolean } = {},
): Promise<{ code: string; linkToken: string }> {
  if (!options.newRequest) await tx.requesterCode.deleteMany({ where: { requestId: request.id, purpose, usedAt: null } })
  const id = randomUUID()
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const linkToken = randomBytes(32).toString('base64url')
  const lifetime = purpose === 'verify' ? VERIFY_LIFETIME_MS : STATUS_CODE_LIFETIME_MS
  await tx.requesterCode.create({
    data: {
      id,
      workspaceId: request.workspaceId,
      requestId: request.id,
      purpose,
      codeHash: codeHash(id, code),
      linkHash: sha256Hex(linkToken),
      expiresAt: new Date(Date.now() + lifetime),
    },
  })
  return { code, linkToken }
}

/** The request a link token of `purpose` belongs to (unused, unexpired), without using it. */
export async function requestOfLink(tx: Tx, purpose: CodePurpose, linkToken: string): Promise<string | null> {
  const row = await tx.requesterCode.findFirst({
    where: { linkHash: sha256Hex(linkToken), purpose, usedAt: null, expiresAt: { gt: new Date() } },
    select: { requestId: true },
  })
  return row?.requestId ?? null
}

/** The request a link token of `purpose` was issued for, used or expired alike. */
export async function requestOfAnyLink(tx: Tx, purpose: CodePurpose, linkToken: string): Promise<string | null> {
  const row = await tx.requesterCode.findFirst({ where: { linkHash: sha256Hex(linkToken), purpose }, select: { requestId: true } })
  return row?.requestId ?? null
}

/**
 * Check `proof` for the request and use it up when it is right. A wrong code counts one
 * attempt, exactly, even under concurrent tries.
 */
export async function checkRequesterCode(
  tx: Tx,
  requestId: string,
  purpose: CodePurpose,
  proof: RequesterProof,
): Promise<CodeCheck> {
  const now = new Date()
  if ('linkToken' in proof) {
    const used = await tx.requesterCode.updateMany({
      where: { requestId, purpose, linkHash: sha256Hex(proof.linkToken), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    return used.count === 1 ? 'ok' : 'none'
  }
  const pending = await tx.requesterCode.findFirst({
    where: { requestId, purpose, usedAt: null },
    orderBy: { createdAt: 'desc' },
  })
  if (!pending) return 'none'
  if (pending.expiresAt <= now) return 'expired'
  const counted = await tx.requesterCode.updateMany({
    where: { id: pending.id, attempts: { lt: MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  })
  if (counted.count === 0) return 'locked'
  const given = Buffer.from(codeHash(pending.id, proof.code.trim()))
  if (!timingSafeEqual(given, Buffer.from(pending.codeHash))) return 'wrong'
  await tx.requesterCode.update({ where: { id: pending.id }, data: { usedAt: now } })
  return 'ok'
}

/** Open the requester's session on the status page; the token goes in their cookie. */
export async function openRequesterSession(tx: Tx, request: RequestRef): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await tx.requesterCode.create({
    data: {
      workspaceId: request.workspaceId,
      requestId: request.id,
      purpose: 'session',
      codeHash: '',
      linkHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
    },
  })
  return token
}

/** The request whose status page `token` opens, while the session lasts. */
export async function requestOfSession(tx: Tx, token: string): Promise<string | null> {
  const row = await tx.requesterCode.findFirst({
    where: { linkHash: sha256Hex(token), purpose: 'session', expiresAt: { gt: new Date() } },
    select: { requestId: true },
  })
  return row?.requestId ?? null
}
