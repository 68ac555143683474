// /account/sessions — where the person is signed in, with "revoke" per session and "sign out
// everywhere else". A revoked session stops working on its next request.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AccountBar } from '~/components/account-bar'
import { FormAlert } from '~/components/auth-card'
import { requireUser } from '~/modules/auth/current-user.server'
import { describeDevice } from '~/modules/auth/device'
import { listSessions, revokeSessions } from '~/modules/auth/sessions.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/sessions'

export const meta: Route.MetaFunction = () => [{ title: 'Your sessions — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request)
  const sessions = await listSessions(user.id)
  return {
    email: user.email,
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      ip: s.ip,
      lastSeenAt: s.lastSeenAt.toISOString(),
      createdAt: s.createdAt.toISOString(),
      current: s.id === session.id,
    })),
  }
}

const sessionsForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), sessionId: z.uuid() }),
  z.object({ intent: z.literal('revoke_others') }),
])

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = await requireUser(request)
  const parsed = sessionsForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'Choose a session to revoke.' }, { status: 400 })
  const origin = requestOrigin(request, context)
  if (parsed.data.intent === 'revoke') {
    if (parsed.data.sessionId === session.id) {
      return data({ error: 'To end this session, sign out.' }, { status: 400 })
    }
    await revokeSessions(user.id, { only: parsed.data.sessionId }, origin)
  } else {
    await revokeSessions(user.id, { except: session.id }, origin)
  }
  return redirect('/account/sessions')
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'

export default function Sessions({ loaderData, actionData }: Route.ComponentProps) {
  const others = loaderData.sessions.filter((s) => !s.current)
  return (
    <>
      <AccountBar email={loaderData.email} />
      <main className="mx-auto max-w-3xl px-6 py-10">
        <h1 className="text-2xl font-semibold">Where you are signed in</h1>
        <FormAlert message={actionData?.error} />
        <ul className="mt-6 divide-y divide-slate-200 rounded border border-slate-200">
          {loaderData.sessions.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-4 px-4 py-3">
              <div>
                <p className="font-medium">
                  {s.device}
                  {s.current ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">this browser</span> : null}
                </p>
                <p className="text-sm text-slate-600">
                  {s.ip ?? 'unknown address'} · last seen {when(s.lastSeenAt)} · signed in {when(s.createdAt)}
                </p>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="revoke"
                    aria-label={`Revoke ${s.device} session from ${s.ip ?? 'unknown address'}`}
                    className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
                  >
                    Revoke
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others.length > 0 ? (
          <Form method="post" className="mt-6">
            <button
              type="submit"
              name="intent"
              value="revoke_others"
              className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
            >
              Sign out everywhere else
            </button>
          </Form>
        ) : null}
      </main>
    </>
  )
}
