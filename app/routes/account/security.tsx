// /account/security — two-factor authentication: set it up with an authenticator app (QR code
// or key), see the 10 recovery codes once, reset or turn it off. Each needs a recent proof of
// who you are (step-up).
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AccountBar } from '~/components/account-bar'
import { FormAlert } from '~/components/auth-card'
import { Field } from '~/components/field'
import { requireUser } from '~/modules/auth/current-user.server'
import { requireStepUp } from '~/modules/auth/step-up.server'
import {
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  startEnrolment,
  twoFactorEnabled,
} from '~/modules/auth/two-factor.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { pagePath, requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/security'

export const meta: Route.MetaFunction = () => [{ title: 'Two-factor authentication — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const [enabled, recoveryLeft] = await withPlatform((tx) =>
    Promise.all([
      twoFactorEnabled(tx, user.id),
      tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } }),
    ]),
  )
  return {
    email: user.email,
    enabled,
    recoveryLeft,
    enrolment: enabled ? null : await pendingEnrolment(user.id, user.email),
    requiredBy: new URL(request.url).searchParams.get('required'),
  }
}

const securityForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('confirm'), code: z.string().trim() }),
  z.object({ intent: z.literal('reset') }),
  z.object({ intent: z.literal('disable') }),
])

/** Setting up (both steps), resetting and turning off each need a fresh proof of identity. */
const STEP_UP_OF = {
  start: 'two_factor.enable',
  confirm: 'two_factor.enable',
  reset: 'two_factor.reset',
  disable: 'two_factor.disable',
} as const

export async function action({ request, context }: Route.ActionArgs) {
  const current = await requireUser(request)
  const { user, session } = current
  const parsed = securityForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'Choose what to do with two-factor authentication.' }, { status: 400 })
  const origin = requestOrigin(request, context)
  const here = pagePath(request)
  requireStepUp(current, request, STEP_UP_OF[parsed.data.intent])
  switch (parsed.data.intent) {
    case 'start':
      await startEnrolment(user.id)
      return redirect(here)
    case 'confirm': {
      const code = parsed.data.code.replace(/\s/g, '')
      if (!/^\d{6}$/.test(code)) {
        return data({ fieldError: 'Enter the 6-digit code your app shows for Candor.' }, { status: 400 })
      }
      const recoveryCodes = await confirmEnrolment(user.id, code, session.id, origin)
      if (!recoveryCodes) {
        return data(
          { fieldError: 'That code is not right. Check that the app shows Candor and that the phone’s clock is correct.' },
          { status: 400 },
        )
      }
      return { recoveryCodes }
    }
    case 'reset':
      await disableTwoFactor(user.id, origin)
      await startEnrolment(user.id)
      return redirect('/account/security')
    case 'disable':
      await disableTwoFactor(user.id, origin)
      return redirect('/account/security')
  }
}

export default function Security({ loaderData, actionData }: Route.ComponentProps) {
  const { enabled, enrolment, recoveryLeft, requiredBy } = loaderData
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null
  const fieldError = actionData && 'fieldError' in actionData ? actionData.fieldError : undefined
  const error = actionData && 'error' in actionData ? actionData.error : undefined
  return (
    <>
      <AccountBar email={loaderData.email} />
      <main className="mx-auto max-w-3xl px-6 py-10">
        <h1 className="text-2xl font-semibold">Two-factor authentication</h1>
        {requiredBy && !enabled ? (
          <p role="status" className="mt-4 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            The workspace “{requiredBy}” requires two-factor authentication. Set it up to continue.
          </p>
        ) : null}
        <FormAlert message={error} />

        {recoveryCodes ? (
          <section aria-labelledby="recovery" className="mt-6 rounded border border-green-200 bg-green-50 p-5">
            <h2 id="recovery" className="text-lg font-semibold">
              Two-factor authentication is on. Save your recovery codes
            </h2>
            <p className="mt-2 text-slate-700">
              Each code works once, if you lose your phone. They are shown only now: print them or
              keep them in a password manager. Your other sessions were signed out.
            </p>
            <ul aria-label="Recovery codes" className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg">
              {recoveryCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
            <p className="mt-4">
              <a href="/app" className="text-brand-700 underline">
                Continue
              </a>
            </p>
          </section>
        ) : enabled ? (
          <section className="mt-6">
            <p>
              <strong>On.</strong> Signing in asks for a code from your authenticator app.{' '}
              {recoveryLeft} of 10 recovery codes unused.
            </p>
            <div className="mt-6 flex gap-3">
              <Form method="post">
                <button type="submit" name="intent" value="reset" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50">
                  Reset (new app or phone)
                </button>
              </Form>
              <Form method="post">
                <button type="submit" name="intent" value="disable" className="rounded border border-red-300 px-4 py-2 text-red-800 hover:bg-red-50">
                  Turn off
                </button>
              </Form>
            </div>
          </section>
        ) : enrolment ? (
          <section aria-labelledby="enrol" className="mt-6">
            <h2 id="enrol" className="text-lg font-semibold">
              Scan this QR code with your authenticator app
            </h2>
            <img src={enrolment.qrDataUrl} alt="QR code to add Candor to an authenticator app" width={220} height={220} className="mt-4" />
            <p className="mt-4 text-sm text-slate-600">
              Cannot scan? Enter this key in the app: <code data-testid="totp-key" className="break-all font-mono">{enrolment.secret}</code>
            </p>
            <Form method="post" className="mt-6 grid max-w-xs gap-4" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" error={fieldError} />
              <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                Turn on two-factor authentication
              </button>
            </Form>
          </section>
        ) : (
          <section className="mt-6">
            <p>
              <strong>Off.</strong> Add a second step to sign-in with an authenticator app (1Password,
              Google Authenticator, Authy, …).
            </p>
            <Form method="post" className="mt-4">
              <button type="submit" name="intent" value="start" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
                Set up two-factor authentication
              </button>
            </Form>
          </section>
        )}
      </main>
    </>
  )
}
