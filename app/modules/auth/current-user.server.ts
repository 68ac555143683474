// Who is asking: the person behind the request's session cookie, if the session is still live.
import { redirect } from 'react-router'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { db } from '~/modules/db/client.server'
import { type ActiveSession, findSession, revokeSessions, sessionCookie } from './sessions.server'

export type CurrentUser = {
  user: { id: string; email: string; name: string | null }
  session: ActiveSession
}

async function sessionToken(request: Request): Promise<string | null> {
  const token: unknown = await sessionCookie().parse(request.headers.get('cookie'))
  return typeof token === 'string' ? token : null
}

export async function currentUser(request: Request): Promise<CurrentUser | null> {
  const token = await sessionToken(request)
  const session = token ? await findSession(token) : null
  if (!session) return null
  const user = await db().user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true },
  })
  return user ? { user, session } : null
}

/** The signed-in person (second factor given), or a redirect to sign-in or to the second factor. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const current = await currentUser(request)
  if (!current) throw redirect('/sign-in')
  if (current.session.secondFactorPending) throw redirect('/sign-in/two-factor')
  return current
}

/** End this browser's session; returns the Set-Cookie header that forgets it. */
export async function signOut(request: Request, origin: RequestOrigin): Promise<string> {
  const current = await currentUser(request)
  if (current) await revokeSessions(current.user.id, { only: current.session.id }, origin)
  return sessionCookie().serialize('', { maxAge: 0 })
}
