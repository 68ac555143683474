// /sign-in: ask for an e-mail and send a code and a magic link to it. Known and unknown
// addresses get the same answer (a new address is signed up after it proves it reads its mail).
import { Form, data, redirect } from 'react-router'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { currentUser } from '~/modules/auth/current-user.server'
import { authenticate, codeRequestLimits, emailField } from '~/modules/auth/sign-in.server'
import { planOfQuery, rememberPlan } from '~/modules/billing/chosen-plan.server'
import { PLANS } from '~/modules/billing/plans'
import { billingEnabled } from '~/modules/config/env.server'
import { readForm } from '~/modules/http/form.server'
import { requestInfoContext, requestOrigin } from '~/modules/http/request-info'
import { firstRefusal } from '~/modules/security/rate-limit.server'
import { tryAgainIn } from '~/modules/http/try-again'
import type { Route } from './+types/sign-in'

export const meta: Route.MetaFunction = () => [{ title: 'Sign in — Candor' }]

/** Passes the loader's kept plan (Set-Cookie) and the action's Retry-After on to the page's response. */
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const merged = new Headers(loaderHeaders)
  actionHeaders.forEach((value, name) => merged.set(name, value))
  return merged
}

/** A plan chosen on the home page (?plan=pro) is kept for onboarding, signed in or not (billing on: else there is no choice). */
export async function loader({ request }: Route.LoaderArgs) {
  const plan = billingEnabled() ? planOfQuery(new URL(request.url).searchParams) : null
  const headers: HeadersInit = plan ? { 'Set-Cookie': await rememberPlan(plan) } : {}
  if (await currentUser(request)) throw redirect('/app', { headers })
  return data({ chosen: plan ? PLANS[plan].cta.label : null }, { headers })
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const parsed = emailField.safeParse(form.get('email') ?? '')
  const typed = String(form.get('email') ?? '')
  if (!parsed.success) {
    return data({ fieldError: parsed.error.issues[0]?.message, email: typed }, { status: 400 })
  }
  const email = parsed.data
  const { clientIp } = context.get(requestInfoContext)
  const refusal = await firstRefusal(codeRequestLimits(email, clientIp))
  if (refusal) {
    return data(
      { error: `Too many sign-in codes were asked for. ${tryAgainIn(refusal.retryAfterSeconds)}`, email: typed },
      { status: 429, headers: { 'Retry-After': String(refusal.retryAfterSeconds) } },
    )
  }
  return authenticate(request, requestOrigin(request, context), { email })
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <AuthCard title="Sign in to Candor">
      <p className="mt-2 text-slate-600">
        Enter your work e-mail. We will send you a 6-digit code and a link; no password needed.
      </p>
      {loaderData?.chosen ? (
        <p className="mt-2 text-sm text-slate-600">
          You chose “{loaderData.chosen}”: when you create your workspace after signing in, that start is chosen.
        </p>
      ) : null}
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field
          label="E-mail address"
          name="email"
          type="email"
          value={actionData?.email}
          error={actionData && 'fieldError' in actionData ? actionData.fieldError : undefined}
        />
        <SubmitButton>Send me a code</SubmitButton>
      </Form>
    </AuthCard>
  )
}
