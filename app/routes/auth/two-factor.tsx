// /sign-in/two-factor: the second step for a person with 2FA, after the e-mailed code. A code
// from the authenticator app or a recovery code; 5 wrong tries end the sign-in.
import { Form, data, redirect } from 'react-router'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { recordAudit } from '~/modules/audit/record.server'
import { currentUser } from '~/modules/auth/current-user.server'
import {
  MAX_SECOND_FACTOR_ATTEMPTS,
  completeSecondFactor,
  countSecondFactorAttempt,
  endSecondFactorSignIn,
  sessionCookie,
} from '~/modules/auth/sessions.server'
import { verifySecondFactor } from '~/modules/auth/two-factor.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/two-factor'

export const meta: Route.MetaFunction = () => [{ title: 'Two-factor authentication — Candor' }]

async function pendingSession(request: Request) {
  const current = await currentUser(request)
  if (!current) throw redirect('/sign-in')
  if (!current.session.secondFactorPending) throw redirect('/app')
  return current
}

export async function loader({ request }: Route.LoaderArgs) {
  await pendingSession(request)
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = await pendingSession(request)
  const code = String((await readForm(request)).get('code') ?? '').trim()
  if (!code || code.length > 32) {
    return data({ fieldError: 'Enter the 6-digit code from your app, or a recovery code.' }, { status: 400 })
  }
  const attemptsLeft = await countSecondFactorAttempt(session.id)
  if (attemptsLeft === null) throw await endedSignIn()
  const origin = requestOrigin(request, context)
  const method = await withPlatform(async (tx) => {
    const method = await verifySecondFactor(tx, user.id, code)
    if (!method) {
      // The last allowed code was wrong too: the sign-in ends now, not at the next try.
      if (attemptsLeft === 0) await endSecondFactorSignIn(tx, session.id)
      return null
    }
    await completeSecondFactor(tx, session.id)
    await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId: user.id }, origin }, {
      action: 'session.second_factor',
      target: { type: 'session', id: session.id },
      after: { method },
    })
    return method
  })
  if (!method && attemptsLeft === 0) throw await endedSignIn()
  if (!method) {
    return data(
      {
        fieldError: `That code is not right. After ${MAX_SECOND_FACTOR_ATTEMPTS} wrong codes you will have to sign in again.`,
      },
      { status: 400 },
    )
  }
  return redirect('/app')
}

async function endedSignIn() {
  return redirect('/sign-in/two-factor/ended', {
    headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) },
  })
}

export default function TwoFactor({ actionData }: Route.ComponentProps) {
  return (
    <AuthCard title="Two-factor authentication">
      <p className="mt-2 text-slate-600">
        Enter the 6-digit code from your authenticator app. Lost it? Enter one of your recovery codes.
      </p>
      <FormAlert message={actionData?.fieldError} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="Authentication code" name="code" autoComplete="one-time-code" />
        <SubmitButton>Continue</SubmitButton>
      </Form>
    </AuthCard>
  )
}
