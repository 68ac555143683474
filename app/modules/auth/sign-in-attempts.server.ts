// The checks before a code or magic link is tried: a sign-in must be pending in this browser,
// the client address must be under its limit, and the code's own attempts are counted in the
// database first. Returns the refusal to show, or null to go on.
import { type RouterContextProvider, data } from 'react-router'
import { requestInfoContext } from '~/modules/http/request-info'
import { tryAgainIn } from '~/modules/http/try-again'
import { consumeRateLimit } from '~/modules/security/rate-limit.server'
import { countAttempt } from './sign-in-codes.server'
import { SIGN_IN_LIMITS, SIGN_IN_MESSAGES, pendingSignIn } from './sign-in.server'

export async function checkAttempt(request: Request, context: Readonly<RouterContextProvider>) {
  const { email } = pendingSignIn(request)
  if (!email) return data({ error: SIGN_IN_MESSAGES.missingSessionEmail }, { status: 400 })
  const { clientIp } = context.get(requestInfoContext)
  const limit = await consumeRateLimit(SIGN_IN_LIMITS.attemptsPerIp, clientIp)
  if (!limit.allowed) {
    return data(
      { error: `Too many sign-in attempts from your network. ${tryAgainIn(limit.retryAfterSeconds)}` },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    )
  }
  switch (await countAttempt(email, clientIp)) {
    case 'locked':
      return data({ error: SIGN_IN_MESSAGES.rateLimitExceeded }, { status: 429 })
    case 'none_pending':
      return data({ error: SIGN_IN_MESSAGES.codeRefused }, { status: 400 })
    case 'counted':
      return null
  }
}
