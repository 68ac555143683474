// Two-factor authentication with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s,
// what every app supports; computed by otpauth, checked against the RFC's vectors) and 10
// single-use recovery codes. The secret is stored encrypted
// under the platform data key; recovery codes only as SHA-256 hashes. A code is never accepted
// twice (the last accepted time step is kept). See docs/decisions/006-two-factor.md.
import { randomBytes, randomUUID } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { PLATFORM, decryptSecret, encryptSecret } from '~/modules/crypto/envelope.server'
import { type Tx, withPlatform } from '~/modules/db/tenant.server'

export const RECOVERY_CODE_COUNT = 10
const PERIOD_SECONDS = 30

const totp = (secret: string, email = '') =>
  new TOTP({
    issuer: 'Candor',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })

const secretBinding = (userId: string) => ({ table: 'user_totp', column: 'secret', rowId: userId })
/** Recovery codes are compared without case, spaces or dashes: "ab3k-9xq2" = "AB3K9XQ2". */
const normaliseRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase()

export class TwoFactorError extends Error {}

export async function twoFactorEnabled(tx: Tx, userId: string): Promise<boolean> {
  const row = await tx.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } })
  return Boolean(row?.confirmedAt)
}

export type Enrolment = { secret: string; uri: string; qrDataUrl: string }

/** Begin enrolment: a new secret, waiting for its first code (replaces an unfinished one). */
export async function startEnrolment(userId: string): Promise<void> {
  await withPlatform(async (tx) => {
    const row = await tx.userTotp.findUnique({ where: { userId }, select: { confirmedAt: true } })
    if (row?.confirmedAt) throw new TwoFactorError('Two-factor authentication is already on.')
    const secret = new Secret({ size: 20 }).base32
    const sealed = await encryptSecret(tx, PLATFORM, secretBinding(userId), secret)
    await tx.userTotp.upsert({
      where: { userId },
      create: { userId, secret: sealed },
      update: { secret: sealed, lastUsedStep: null },
    })
  })
}

/** The enrolment waiting for its first code, for the QR code and the key to type, if any. */
export async function pendingEnrolment(userId: string, email: string): Promise<Enrolment | null> {
  const secret = await withPlatform(async (tx) => {
    const row = await tx.userTotp.findUnique({ where: { userId } })
    if (!row || row.confirmedAt) return null
    return decryptSecret(tx, PLATFORM, secretBinding(userId), row.secret)
  })
  if (!secret) return null
  const uri = totp(secret, email).toString()
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) }
}

/**
 * Finish enrolment with the first code from the app: 2FA is on, 10 recovery codes are made
 * (returned once, stored hashed) and every other session of the person is signed out.
 */
export async function confirmEnrolment(
  userId: string,
  code: string,
  currentSessionId: string,
  origin: RequestOrigin,
): Promise<string[] | null> {
  return withPlatform(async (tx) => {
    const row = await tx.userTotp.findUnique({ where: { userId } })
    if (!row || row.confirmedAt) return null
    if (!(await acceptTotp(tx, userId, row.secret, null, code))) return null
    await tx.userTotp.update({ where: { userId }, data: { confirmedAt: new Date() } })
    const codes = await replaceRecoveryCodes(tx, userId)
    const { count: revoked } = await tx.session.updateMany({
      where: { userId, revokedAt: null, id: { not: currentSessionId } },
      data: { revokedAt: new Date() },
    })
    await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId }, origin }, {
      action: 'user.two_factor_enable',
      target: { type: 'user', id: userId },
      after: { twoFactor: true, otherSessionsRevoked: revoked },
    })
    return codes
  })
}

/** Turn 2FA off (after step-up): the secret and the recovery codes are deleted. */
export async function disableTwoFactor(userId: string, origin: RequestOrigin): Promise<void> {
  await withPlatform(async (tx) => {
    const { count } = await tx.userTotp.deleteMany({ where: { userId } })
    await tx.recoveryCode.deleteMany({ where: { userId } })
    if (count === 0) return
    await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId }, origin }, {
      action: 'user.two_factor_disable',
      target: { type: 'user', id: userId },
      before: { twoFactor: true },
      after: { twoFactor: false },
    })
  })
}

/**
 * Check a second factor: a 6-digit code from the app, or an unused recovery code (which is then
 * used up). Inside the caller's transaction, so the check and what it unlocks commit together.
 */
export async function verifySecondFactor(tx: Tx, userId: string, input: string): Promise<'totp' | 'recovery' | null> {
  const typed = input.trim()
  if (/^\d{6}$/.test(typed.replace(/\s/g, ''))) {
    const row = await tx.userTotp.findUnique({ where: { userId } })
    if (!row?.confirmedAt) return null
    return (await acceptTotp(tx, userId, row.secret, row.lastUsedStep, typed.replace(/\s/g, ''))) ? 'totp' : null
  }
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, usedAt: null, codeHash: sha256Hex(normaliseRecoveryCode(typed)) },
    data: { usedAt: new Date() },
  })
  return count === 1 ? 'recovery' : null
}

/** Accept `code` if it is right for the secret and newer than the last accepted one. */
async function acceptTotp(
  tx: Tx,
  userId: string,
  sealedSecret: string,
  lastUsedStep: bigint | null,
  code: string,
): Promise<boolean> {
  const secret = await decryptSecret(tx, PLATFORM, secretBinding(userId), sealedSecret)
  const now = Date.now()
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return false
  const step = BigInt(Math.floor(now / 1000 / PERIOD_SECONDS) + delta)
  if (lastUsedStep !== null && step <= lastUsedStep) return false
  const { count } = await tx.userTotp.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  })
  return count === 1
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } })
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString('hex') // 40 bits each, single use
    return `${raw.slice(0, 5)}-${raw.slice(5)}`
  })
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ id: randomUUID(), userId, codeHash: sha256Hex(normaliseRecoveryCode(code)) })),
  })
  return codes
}
