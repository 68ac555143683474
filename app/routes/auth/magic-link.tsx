// /sign-in/link?t=…: the link from the sign-in e-mail. It works only in the browser that asked
// for it (the pending sign-in lives in that browser's cookie), once, within 10 minutes.
import { data, redirect } from 'react-router'
import { AuthCard, FormAlert } from '~/components/auth-card'
import { currentUser } from '~/modules/auth/current-user.server'
import { checkAttempt } from '~/modules/auth/sign-in-attempts.server'
import { authenticate } from '~/modules/auth/sign-in.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/magic-link'

export const meta: Route.MetaFunction = () => [{ title: 'Signing in — Candor' }]

/** Passes a refusal's Retry-After on to the page's response. */
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, context }: Route.LoaderArgs) {
  if (await currentUser(request)) throw redirect('/app')
  if (!new URL(request.url).searchParams.get('t')) {
    return data({ error: 'This sign-in link is incomplete. Copy the whole link from the e-mail.' }, { status: 400 })
  }
  const refusal = await checkAttempt(request, context)
  if (refusal) return refusal
  return authenticate(request, requestOrigin(request, context))
}

export default function MagicLink({ loaderData }: Route.ComponentProps) {
  return (
    <AuthCard title="This link did not sign you in">
      <FormAlert message={loaderData.error} />
      <p className="mt-6">
        <a href="/sign-in" className="text-brand-700 underline">
          Ask for a new code
        </a>
      </p>
    </AuthCard>
  )
}
