// Passwordless sign-in: remix-auth with remix-auth-totp e-mails a 6-digit code and a magic link;
// sign-in-codes.server.ts holds the server-side rules the library's cookie cannot enforce. A
// successful check starts a database session in the same transaction that uses up the code.
import { hkdfSync, randomUUID } from 'node:crypto'
import { redirect } from 'react-router'
import { Authenticator } from 'remix-auth'
import { TOTPStrategy } from 'remix-auth-totp'
import { z } from 'zod'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { appOrigin, isProduction } from '~/modules/config/env.server'
import { keyring } from '~/modules/crypto/kek.server'
import { withPlatform } from '~/modules/db/tenant.server'
import type { LimitedBy } from '~/modules/http/try-again'
import { requestingNetwork } from '~/modules/security/network'
import type { RateLimit } from '~/modules/security/rate-limit.server'
import { type SignInProof, CODE_LIFETIME_MS, MAX_ATTEMPTS, consumeSignInCode, sendSignInCode } from './sign-in-codes.server'
import { sessionCookie, startSession } from './sessions.server'

export const SIGN_IN_PATHS = {
  start: '/sign-in',
  verify: '/sign-in/verify',
  link: '/sign-in/link',
  secondFactor: '/sign-in/two-factor',
  signedIn: '/app',
} as const

export const SIGN_IN_MESSAGES = {
  requiredEmail: 'Enter your e-mail address.',
  invalidEmail: 'Enter a valid e-mail address, like name@company.com.',
  invalidTotp: 'That code is not right. Check the e-mail and try again.',
  expiredTotp: 'That code has expired. Ask for a new one.',
  rateLimitExceeded: 'Too many wrong attempts. Ask for a new code.',
  missingSessionEmail:
    'Open the link in the browser where you asked for the code, or type the code there.',
  missingSessionTotp: 'No code is waiting in this browser. Ask for a new one.',
  codeRefused:
    'That code no longer works here: it was used, replaced by a newer one, has expired, or was asked for from another network (a code works only where it was asked for). Ask for a new one.',
} as const

export const emailField = z
  .string({ error: SIGN_IN_MESSAGES.requiredEmail })
  .trim()
  .min(1, SIGN_IN_MESSAGES.requiredEmail)
  .max(320, 'That e-mail address is too long.')
  .pipe(z.email(SIGN_IN_MESSAGES.invalidEmail))
  .transform((email) => email.toLowerCase())

/**
 * The client address travels to the verify callback in a header of the request that
 * authenticate() builds (remix-auth copies that request, so nothing else reaches the callback).
 * The client's own headers are never copied into it, so it cannot be forged.
 */
const CLIENT_IP_HEADER = 'x-candor-client-ip'

let built: Promise<Authenticator<never>> | undefined

function authenticator(): Promise<Authenticator<never>> {
  built ??= buildAuthenticator()
  return built
}

async function buildAuthenticator(): Promise<Authenticator<never>> {
  const strategy = new TOTPStrategy<never>(
    {
      secret: await cookieSecret(),
      cookieOptions: { maxAge: CODE_LIFETIME_MS / 1000, ...(isProduction() ? { secure: true } : {}) },
      totpGeneration: {
        charSet: '0123456789',
        digits: 6,
        period: CODE_LIFETIME_MS / 1000,
        maxAttempts: MAX_ATTEMPTS,
      },
      magicLinkPath: SIGN_IN_PATHS.link,
      customErrors: SIGN_IN_MESSAGES,
      validateEmail: async (email) => emailField.safeParse(email).success,
      sendTOTP: ({ email, code, magicLink, request }) =>
        sendSignInCode(email, request.headers.get(CLIENT_IP_HEADER) ?? 'unknown', code, magicLink),
      emailSentRedirect: SIGN_IN_PATHS.verify,
      successRedirect: SIGN_IN_PATHS.signedIn,
      failureRedirect: SIGN_IN_PATHS.verify,
    },
    async ({ email, formData, request }) => {
      const proof: SignInProof =
        request.method === 'GET'
          ? { linkToken: new URL(request.url).searchParams.get('t') ?? '' }
          : { code: String(formData?.get('code') ?? '') }
      const origin = {
        ip: request.headers.get(CLIENT_IP_HEADER) ?? undefined,
        userAgent: request.headers.get('user-agent') ?? undefined,
      }
      const started = await signIn(email.toLowerCase(), proof, origin)
      if (!started) throw new Error(SIGN_IN_MESSAGES.codeRefused)
      const next = started.session.secondFactorPending ? SIGN_IN_PATHS.secondFactor : SIGN_IN_PATHS.signedIn
      throw redirect(next, { headers: { 'Set-Cookie': await sessionCookie().serialize(started.token) } })
    },
  )
  return new Authenticator<never>().use(strategy)
}

/** The key for the strategy's encrypted cookie, derived from the KEK (never stored). */
async function cookieSecret(): Promise<string> {
  const { current } = await keyring()
  return Buffer.from(hkdfSync('sha256', current.key, '', 'candor sign-in cookie', 32)).toString('hex')
}

/** Use up the code and start a session, creating the account on a first sign-in. */
async function signIn(email: string, proof: SignInProof, origin: RequestOrigin) {
  return withPlatform(async (tx) => {
    if (!(await consumeSignInCode(tx, email, origin.ip ?? 'unknown', proof))) return null
    let user = await tx.user.findUnique({ where: { email } })
    if (!user) {
      user = await tx.user.create({ data: { id: randomUUID(), email } })
      await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId: user.id }, origin }, {
        action: 'user.sign_up',
        target: { type: 'user', id: user.id },
        after: { email },
      })
    }
    return startSession(tx, user.id, origin)
  })
}

/**
 * Hand the strategy a clean copy of `request`: at APP_URL's origin (magic links are built from
 * it), with only the cookie, the origin and, for a form post, only the `form` fields the route
 * validated.
 * It never returns: the strategy answers with a redirect carrying its cookie and, on success, ours.
 */
export async function authenticate(
  request: Request,
  origin: RequestOrigin,
  form?: Record<string, string>,
): Promise<never> {
  const { pathname, search } = new URL(request.url)
  const url = new URL(pathname + search, appOrigin())
  const headers = new Headers({ cookie: request.headers.get('cookie') ?? '' })
  if (origin.ip) headers.set(CLIENT_IP_HEADER, origin.ip)
  if (origin.userAgent) headers.set('user-agent', origin.userAgent)
  const strategyRequest = form
    ? new Request(url, {
        method: 'POST',
        headers: { ...Object.fromEntries(headers), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      })
    : new Request(url, { method: 'GET', headers })
  return (await authenticator()).authenticate('TOTP', strategyRequest)
}

/**
 * The sign-in waiting in this browser: the e-mail a code was sent to and the strategy's last
 * error, read from its `_totp` cookie (a URL-encoded form, as its README documents).
 */
export function pendingSignIn(request: Request): { email?: string; error?: string } {
  const cookies = (request.headers.get('cookie') ?? '').split(';').map((part) => part.trim())
  const raw = cookies.find((part) => part.startsWith('_totp='))?.slice('_totp='.length)
  if (!raw) return {}
  const params = new URLSearchParams(raw)
  const email = emailField.safeParse(params.get('email') ?? '')
  return {
    email: email.success ? email.data : undefined,
    error: params.get('error') ?? undefined,
  }
}

/**
 * How often codes may be asked for and tried. Codes for one e-mail: 5 per network (a stranger
 * elsewhere cannot use up the person's own), under a ceiling per e-mail four times higher, and
 * at most 100 a day, so guessing from many networks stays bounded (each code allows
 * MAX_ATTEMPTS tries). Per client address: 30 codes and 60 tries (any e-mail).
 */
export const SIGN_IN_LIMITS = {
  codesPerEmailAndNetwork: { name: 'sign_in.email_network', limit: 5, windowSeconds: 15 * 60 },
  codesPerEmail: { name: 'sign_in.email', limit: 20, windowSeconds: 15 * 60 },
  codesPerEmailDaily: { name: 'sign_in.email_day', limit: 100, windowSeconds: 24 * 60 * 60 },
  codesPerIp: { name: 'sign_in.ip', limit: 30, windowSeconds: 15 * 60 },
  attemptsPerIp: { name: 'sign_in.attempt_ip', limit: 60, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>

/** The limits on asking for a code for `email` from `clientIp`, in the order they are taken. */
export function codeRequestLimits(email: string, clientIp: string): [RateLimit, string, LimitedBy][] {
  return [
    [SIGN_IN_LIMITS.codesPerIp, clientIp, 'address'],
    [SIGN_IN_LIMITS.codesPerEmailAndNetwork, `${email} ${requestingNetwork(clientIp)}`, 'email'],
    [SIGN_IN_LIMITS.codesPerEmail, email, 'email'],
    [SIGN_IN_LIMITS.codesPerEmailDaily, email, 'email'],
  ]
}

