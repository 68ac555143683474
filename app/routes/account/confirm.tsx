// /account/confirm?next=… — step-up: before a sensitive action, the person proves again that it
// is them (a code from their authenticator app or a recovery code, or else a code e-mailed now),
// then goes back to `next`. Good for 10 minutes.
import { Form, data, redirect } from 'react-router'
import { z } from 'zod'
import { AuthCard, FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { recordAudit } from '~/modules/audit/record.server'
import { requireUser } from '~/modules/auth/current-user.server'
import { consumeSignInCode, countAttempt, sendConfirmationCode } from '~/modules/auth/sign-in-codes.server'
import { SIGN_IN_MESSAGES, codeRequestLimits } from '~/modules/auth/sign-in.server'
import { countSecondFactorAttempt, markAuthenticated, sessionCookie } from '~/modules/auth/sessions.server'
import { STEP_UP_ACTIONS, isStepUpAction } from '~/modules/auth/step-up'
import { twoFactorEnabled, verifySecondFactor } from '~/modules/auth/two-factor.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestInfoContext, requestOrigin } from '~/modules/http/request-info'
import { safeNext } from '~/modules/http/safe-next'
import { firstRefusal } from '~/modules/security/rate-limit.server'
import { tryAgainIn } from '~/modules/http/try-again'
import type { Route } from './+types/confirm'

export const meta: Route.MetaFunction = () => [{ title: 'Confirm it is you — Candor' }]

/** Where to go afterwards: `next` when it is a path on this site, else the signed-in home. */
const returnPath = (request: Request) => safeNext(new URL(request.url).searchParams.get('next'), '/app')

/** Passes the action's Retry-After on to the page's response. */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const stepUp = new URL(request.url).searchParams.get('for')
  return {
    change: isStepUpAction(stepUp) ? STEP_UP_ACTIONS[stepUp] : null,
    email: user.email,
    hasTotp: await withPlatform((tx) => twoFactorEnabled(tx, user.id)),
    next: returnPath(request),
  }
}

const confirmForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('send') }),
  z.object({ intent: z.literal('confirm'), code: z.string().trim().max(32) }),
])

export async function action({ request, context }: Route.ActionArgs) {
  const { user, session } = await requireUser(request)
  const parsed = confirmForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ error: 'Enter the code.' }, { status: 400 })
  const hasTotp = await withPlatform((tx) => twoFactorEnabled(tx, user.id))
  const { clientIp } = context.get(requestInfoContext)

  if (parsed.data.intent === 'send') {
    if (hasTotp) return data({ error: 'Use your authenticator app.' }, { status: 400 })
    const refusal = await firstRefusal(codeRequestLimits(user.email, clientIp))
    if (refusal) {
      return data(
        { error: `Too many codes were asked for. ${tryAgainIn(refusal.retryAfterSeconds)}` },
        { status: 429, headers: { 'Retry-After': String(refusal.retryAfterSeconds) } },
      )
    }
    await sendConfirmationCode(user.email, clientIp)
    return { sent: true }
  }

  const code = parsed.data.code
  if (!code) return data({ fieldError: 'Enter the code.' }, { status: 400 })
  if (hasTotp) {
    if (!(await countSecondFactorAttempt(session.id))) {
      throw redirect('/sign-in/two-factor/ended', {
        headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) },
      })
    }
  } else {
    const attempt = await countAttempt(user.email, clientIp)
    if (attempt === 'locked') return data({ error: SIGN_IN_MESSAGES.rateLimitExceeded, sent: true }, { status: 429 })
    if (attempt === 'none_pending') return data({ error: SIGN_IN_MESSAGES.codeRefused }, { status: 400 })
  }
  const origin = requestOrigin(request, context)
  const confirmed = await withPlatform(async (tx) => {
    const method = hasTotp
      ? await verifySecondFactor(tx, user.id, code)
      : (await consumeSignInCode(tx, user.email, clientIp, { code: code.replace(/\s/g, '') })) && 'email'
    if (!method) return false
    await markAuthenticated(tx, session.id)
    await recordAudit(tx, { workspaceId: null, actor: { type: 'user', userId: user.id }, origin }, {
      action: 'session.step_up',
      target: { type: 'session', id: session.id },
      after: { method },
    })
    return true
  })
  if (!confirmed) {
    return data({ fieldError: 'That code is not right.', sent: !hasTotp }, { status: 400 })
  }
  return redirect(returnPath(request))
}

export default function Confirm({ loaderData, actionData }: Route.ComponentProps) {
  const sent = Boolean(actionData && 'sent' in actionData && actionData.sent)
  const askForCode = loaderData.hasTotp || sent
  return (
    <AuthCard title="Confirm it is you">
      {loaderData.change ? <p className="mt-2 text-slate-600">You asked to {loaderData.change}.</p> : null}
      <p className="mt-2 text-slate-600">
        {loaderData.hasTotp
          ? 'This change needs a fresh confirmation. Enter the code from your authenticator app, or a recovery code.'
          : sent
            ? `We e-mailed a 6-digit code to ${loaderData.email}.`
            : `This change needs a fresh confirmation. We will e-mail a code to ${loaderData.email}.`}
      </p>
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      {askForCode ? (
        <Form method="post" className="mt-6 grid gap-4" noValidate>
          <input type="hidden" name="intent" value="confirm" />
          <Field
            label="Code"
            name="code"
            autoComplete="one-time-code"
            error={actionData && 'fieldError' in actionData ? actionData.fieldError : undefined}
          />
          <SubmitButton>Confirm</SubmitButton>
        </Form>
      ) : (
        <Form method="post" className="mt-6">
          <SubmitButton name="intent" value="send">
            E-mail me a code
          </SubmitButton>
        </Form>
      )}
      <p className="mt-6 text-sm">
        <a href={loaderData.next} className="text-brand-700 underline">
          Cancel
        </a>
      </p>
    </AuthCard>
  )
}
