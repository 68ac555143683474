// /sign-in/verify: type the code that was e-mailed. Each try is counted on the server before
// the code is checked, so clearing cookies does not buy more guesses.
import { Form, data, redirect } from 'react-router'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { currentUser } from '~/modules/auth/current-user.server'
import { checkAttempt } from '~/modules/auth/sign-in-attempts.server'
import { authenticate, pendingSignIn } from '~/modules/auth/sign-in.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/verify'

export const meta: Route.MetaFunction = () => [{ title: 'Enter your code — Candor' }]

/** Passes a refusal's Retry-After on to the page's response. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request }: Route.LoaderArgs) {
  if (await currentUser(request)) throw redirect('/app')
  const { email, error } = pendingSignIn(request)
  if (!email && !error) throw redirect('/sign-in')
  return { email, error }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const code = String(form.get('code') ?? '').replace(/\s/g, '')
  if (!/^\d{6}$/.test(code)) {
    return data({ fieldError: 'Enter the 6-digit code from the e-mail.' }, { status: 400 })
  }
  const refusal = await checkAttempt(request, context)
  if (refusal) return refusal
  return authenticate(request, requestOrigin(request, context), { code })
}

export default function Verify({ loaderData, actionData }: Route.ComponentProps) {
  const { email } = loaderData
  const error = actionData && 'error' in actionData ? actionData.error : loaderData.error
  return (
    <AuthCard title="Check your e-mail">
      {email ? (
        <p className="mt-2 text-slate-600">
          We sent a 6-digit code and a sign-in link to <strong className="text-ink">{email}</strong>.
          They work once, for 10 minutes.
        </p>
      ) : null}
      <FormAlert message={error} />
      {email ? (
        <>
          <Form method="post" className="mt-6 grid gap-4" noValidate>
            <Field
              label="Code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              error={actionData && 'fieldError' in actionData ? actionData.fieldError : undefined}
            />
            <SubmitButton>Sign in</SubmitButton>
          </Form>
          <Form method="post" action="/sign-in" className="mt-4">
            <input type="hidden" name="email" value={email} />
            <button type="submit" className="text-sm text-brand-700 underline">
              Send a new code
            </button>
          </Form>
        </>
      ) : (
        <p className="mt-6">
          <a href="/sign-in" className="text-brand-700 underline">
            Start again
          </a>
        </p>
      )}
    </AuthCard>
  )
}
