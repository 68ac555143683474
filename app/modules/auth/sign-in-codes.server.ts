// The server's record of each e-mailed sign-in code. remix-auth-totp keeps its state in a
// cookie the browser controls (its e-mail field is not even bound to the encrypted code), so the
// rules that matter are enforced here: only the newest code for an e-mail asked for from a
// network works, it expires after CODE_LIFETIME_MS, it is used once, and MAX_ATTEMPTS tries at
// most are allowed. Codes are kept per e-mail *and* requesting network, so a stranger elsewhere
// cannot replace or lock the code a person asked for. See docs/decisions/005-sign-in.md.
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { sha256Hex } from '~/modules/crypto/sha256'
import { withPlatform, type Tx } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { requestingNetwork } from '~/modules/security/network'

export const CODE_LIFETIME_MS = 10 * 60 * 1000
export const MAX_ATTEMPTS = 5

const codeHash = (id: string, code: string) => sha256Hex(`${id}:${code}`)
/** What a code row keeps of the client's address: a hash of its network, never the address. */
const requesterOf = (clientIp: string) => sha256Hex(`sign-in requester:${requestingNetwork(clientIp)}`)

/** What proves the person read the e-mail: the typed code, or the magic link's token. */
export type SignInProof = { code: string } | { linkToken: string }

export type Attempt = 'counted' | 'none_pending' | 'locked'

/**
 * Store a newly sent code (replacing any earlier one for that e-mail from the same network) and
 * queue its e-mail.
 */
export async function sendSignInCode(email: string, clientIp: string, code: string, magicLink: string): Promise<void> {
  const linkToken = new URL(magicLink).searchParams.get('t')
  if (!linkToken) throw new Error('the magic link has no token')
  await withPlatform(async (tx) => {
    await storeCode(tx, email, clientIp, code, linkToken)
    await queueEmail(tx, null, signInEmail(email, code, magicLink))
  })
}

/**
 * E-mail a signed-in person a code to confirm it is them before a sensitive action (when they
 * have no authenticator app). It is checked like a sign-in code; it has no link.
 */
export async function sendConfirmationCode(email: string, clientIp: string): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await withPlatform(async (tx) => {
    await storeCode(tx, email, clientIp, code, randomBytes(32).toString('base64url'))
    await queueEmail(tx, null, {
      to: email,
      subject: `Your Candor confirmation code: ${code}`,
      text: [
        `Your confirmation code is ${code}`,
        '',
        `Someone signed in as you asked to confirm a sensitive change. The code works once, for ${CODE_LIFETIME_MS / 60_000} minutes.`,
        'If it was not you, sign in and end your other sessions from "Sessions".',
      ].join('\n'),
    })
  })
}

async function storeCode(tx: Tx, email: string, clientIp: string, code: string, linkToken: string): Promise<void> {
  const now = new Date()
  const requester = requesterOf(clientIp)
  await tx.signInCode.deleteMany({ where: { email, requester, consumedAt: null } })
  const id = randomUUID()
  await tx.signInCode.create({
    data: {
      id,
      email,
      requester,
      codeHash: codeHash(id, code),
      linkHash: sha256Hex(linkToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    },
  })
}

function signInEmail(to: string, code: string, magicLink: string) {
  const minutes = CODE_LIFETIME_MS / 60_000
  return {
    to,
    subject: `Your Candor sign-in code: ${code}`,
    text: [
      `Your sign-in code is ${code}`,
      '',
      `Or open this link in the same browser where you asked for it:`,
      magicLink,
      '',
      `The code and the link work once, for ${minutes} minutes.`,
      'If you did not try to sign in to Candor, ignore this e-mail: nobody can sign in without it.',
    ].join('\n'),
  }
}

/**
 * Count one attempt against the newest pending code for `email` from the client's network,
 * before the code is checked.
 * Refused when no code is pending (expired, used, never sent) or MAX_ATTEMPTS were made.
 */
export async function countAttempt(email: string, clientIp: string): Promise<Attempt> {
  return withPlatform(async (tx) => {
    const pending = await newestPending(tx, email, clientIp)
    if (!pending) return 'none_pending'
    const { count } = await tx.signInCode.updateMany({
      where: { id: pending.id, attempts: { lt: MAX_ATTEMPTS } },
      data: { attempts: { increment: 1 } },
    })
    return count === 1 ? 'counted' : 'locked'
  })
}

/**
 * Use up the newest pending code for `email` if `proof` matches it. Called inside the
 * transaction that starts the session, so a code signs in exactly one browser.
 */
export async function consumeSignInCode(tx: Tx, email: string, clientIp: string, proof: SignInProof): Promise<boolean> {
  const pending = await newestPending(tx, email, clientIp)
  if (!pending || pending.attempts > MAX_ATTEMPTS) return false
  const matches =
    'code' in proof
      ? pending.codeHash === codeHash(pending.id, proof.code)
      : pending.linkHash === sha256Hex(proof.linkToken)
  if (!matches) return false
  const { count } = await tx.signInCode.updateMany({
    where: { id: pending.id, consumedAt: null },
    data: { consumedAt: new Date() },
  })
  return count === 1
}

async function newestPending(tx: Tx, email: string, clientIp: string) {
  return tx.signInCode.findFirst({
    where: { email, requester: requesterOf(clientIp), consumedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
  })
}

/** Delete codes that can no longer be used (maintenance job). */
export async function deleteStaleSignInCodes(): Promise<number> {
  return withPlatform(async (tx) => {
    const { count } = await tx.signInCode.deleteMany({ where: { expiresAt: { lt: new Date() } } })
    return count
  })
}
