// Sign-in sessions kept in the database. The browser holds an opaque random token; the table
// holds its SHA-256, so the database decides (and a dump reveals no usable session). A session
// ends when revoked, after IDLE_TIMEOUT without use, or at its absolute expiry.
import { randomBytes, randomUUID } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import { createCookie } from 'react-router'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { isProduction } from '~/modules/config/env.server'
import { db } from '~/modules/db/client.server'
import { type Tx, withPlatform } from '~/modules/db/tenant.server'
import { twoFactorEnabled } from './two-factor.server'

export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000
/** last_seen_at is written at most this often, so reading a session rarely writes. */
const TOUCH_INTERVAL_MS = 60 * 1000


export type ActiveSession = {
  id: string
  userId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  /** The person has 2FA and has not given the second factor yet: only /sign-in/two-factor works. */
  secondFactorPending: boolean
  /** The last time the person proved who they are in this session. */
  authenticatedAt: Date
  /** An operator's read-only look into a workspace, while it lasts. */
  impersonatedWorkspaceId: string | null
  impersonationReason: string | null
  impersonationEndsAt: Date | null
}

/** Wrong second-factor codes allowed in one session before it is ended. */
export const MAX_SECOND_FACTOR_ATTEMPTS = 5

/** The cookie that carries the token: `__Host-` prefixed and Secure in production. */
export function sessionCookie() {
  const production = isProduction()
  return createCookie(production ? '__Host-candor_session' : 'candor_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    maxAge: ABSOLUTE_LIFETIME_MS / 1000,
  })
}

/**
 * Start a session for `userId` inside `tx` (a platform transaction, e.g. the one that checked
 * the sign-in code). A person with 2FA gets a session that waits for the second factor.
 */
export async function startSession(
  tx: Tx,
  userId: string,
  origin: RequestOrigin = {},
  now = new Date(),
): Promise<{ token: string; session: ActiveSession }> {
  const token = randomBytes(32).toString('base64url')
  const created = await tx.session.create({
    data: {
      id: randomUUID(),
      userId,
      tokenHash: sha256Hex(token),
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
      secondFactorPending: await twoFactorEnabled(tx, userId),
      authenticatedAt: now,
    },
  })
  await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId }, origin }, {
    action: 'session.start',
    target: { type: 'session', id: created.id },
  })
  return { token, session: pick(created) }
}

/** The live session for `token`, or null if unknown, revoked, idle too long or expired. */
export async function findSession(token: string, now = new Date()): Promise<ActiveSession | null> {
  if (!token) return null
  const session = await db().session.findUnique({ where: { tokenHash: sha256Hex(token) } })
  if (!session || session.revokedAt) return null
  if (session.expiresAt <= now) return null
  if (now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return null
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: now } })
    session.lastSeenAt = now
  }
  return pick(session)
}

/** The person's sessions that can still be used, newest first (for "where you're signed in"). */
export async function listSessions(userId: string, now = new Date()) {
  const sessions = await db().session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - IDLE_TIMEOUT_MS) },
    },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  })
  return sessions
}

/**
 * Revoke the person's sessions: one (`only`), or all but the current one (`except`).
 * Returns how many were revoked; another person's session is never touched.
 */
export async function revokeSessions(
  userId: string,
  which: { only: string } | { except: string },
  origin: RequestOrigin = {},
): Promise<number> {
  return withPlatform(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: {
        userId,
        revokedAt: null,
        ...('only' in which ? { id: which.only } : { id: { not: which.except } }),
      },
      data: { revokedAt: new Date() },
    })
    if (count > 0) {
      await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId }, origin }, {
        action: 'only' in which ? 'session.revoke' : 'session.revoke_others',
        target: { type: 'session', id: 'only' in which ? which.only : which.except },
        after: { revoked: count },
      })
    }
    return count
  })
}

/** The second factor was given: the session becomes fully usable. */
export async function completeSecondFactor(tx: Tx, sessionId: string): Promise<void> {
  await tx.session.update({
    where: { id: sessionId },
    data: { secondFactorPending: false, authenticatedAt: new Date() },
  })
}

/** The person proved who they are again (step-up before a sensitive action). */
export async function markAuthenticated(tx: Tx, sessionId: string): Promise<void> {
  await tx.session.update({ where: { id: sessionId }, data: { authenticatedAt: new Date() } })
}

/**
 * Count one second-factor attempt on the session, before the code is checked. Returns how many
 * attempts are left after this one, or null when none was (the session is then ended).
 */
export async function countSecondFactorAttempt(sessionId: string): Promise<number | null> {
  return withPlatform(async (tx) => {
    const [counted] = await tx.session.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null, secondFactorAttempts: { lt: MAX_SECOND_FACTOR_ATTEMPTS } },
      data: { secondFactorAttempts: { increment: 1 } },
      select: { secondFactorAttempts: true },
    })
    if (counted) return MAX_SECOND_FACTOR_ATTEMPTS - counted.secondFactorAttempts
    await endSecondFactorSignIn(tx, sessionId)
    return null
  })
}

/** End a sign-in whose second factor was not given in MAX_SECOND_FACTOR_ATTEMPTS tries. */
export async function endSecondFactorSignIn(tx: Tx, sessionId: string): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } })
}

/** Whether the person proved who they are within `withinMs` (step-up). */
export const recentlyAuthenticated = (session: ActiveSession, withinMs: number, now = new Date()) =>
  now.getTime() - session.authenticatedAt.getTime() <= withinMs

function pick(session: ActiveSession): ActiveSession {
  const { id, userId, createdAt, lastSeenAt, expiresAt, secondFactorPending, authenticatedAt } = session
  const { impersonatedWorkspaceId, impersonationReason, impersonationEndsAt } = session
  return {
    id,
    userId,
    createdAt,
    lastSeenAt,
    expiresAt,
    secondFactorPending,
    authenticatedAt,
    impersonatedWorkspaceId,
    impersonationReason,
    impersonationEndsAt,
  }
}
