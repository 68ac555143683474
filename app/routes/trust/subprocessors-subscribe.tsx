// /t/:slug/subprocessors/subscribe: a visitor asks to be e-mailed when the workspace adds,
// removes or changes a sub-processor. Double opt-in: only a confirmation link is sent. Works
// without JavaScript; a honeypot field and per-address limits keep floods out. The answer is
// the same whether or not the address was already subscribed.
import { Form, data } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { TrustShell } from '~/components/trust-shell'
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { fieldErrors, subscribeInput } from '~/modules/trust/subprocessor-forms'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { subscribe } from '~/modules/trust/subprocessor-subscribers.server'
import { tryAgainIn } from '~/modules/http/try-again'
import type { Route } from './+types/subprocessors-subscribe'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Sub-processor changes — ${data.workspace.name}` : 'Sub-processor changes' },
]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const HONEYPOT = 'website'
const NO_PAGE = 'There is no trust page at this address.'

export async function loader({ params }: Route.LoaderArgs) {
  const workspace = await withPublicWorkspace(params.slug, async (_tx, workspace) => workspace)
  if (!workspace) throw data(NO_PAGE, { status: 404 })
  return { workspace: { name: workspace.name, slug: workspace.slug } }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const values = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]))
  // Looks like success to the bot; nothing is stored.
  if (values[HONEYPOT]) return { sent: true as const }
  const parsed = subscribeInput.safeParse(values)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), email: values.email ?? '', message: 'Please correct the address.' }, { status: 400 })
  }
  const result = await subscribe(params.slug, parsed.data.email, {
    ...requestOrigin(request, context),
    publicOrigin: appOrigin(),
  })
  switch (result.outcome) {
    case 'no_workspace':
      throw data(NO_PAGE, { status: 404 })
    case 'rate_limited': {
      return data(
        {
          errors: {},
          email: parsed.data.email,
          message: `Too many subscriptions were sent from here in a short time. ${tryAgainIn(result.retryAfterSeconds)}`,
        },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    }
    case 'ok':
      return { sent: true as const }
  }
}

export default function Subscribe({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace } = loaderData
  const links = subprocessorLinks('', workspace.slug)
  if (actionData && 'sent' in actionData) {
    return (
      <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
        <h1 className="text-2xl font-semibold">Check your e-mail</h1>
        <p className="mt-4 text-slate-700">
          If this address is not subscribed yet, we have sent it a link. Open it and press the button to confirm; nothing else
          is sent until you do. Unconfirmed addresses are deleted after 7 days.
        </p>
        <p className="mt-4">
          <a href={links.changes} className="text-brand-700 underline">
            See every change so far
          </a>
        </p>
      </TrustShell>
    )
  }
  const errors: Record<string, string> = actionData && 'errors' in actionData ? actionData.errors : {}
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
      <h1 className="text-2xl font-semibold">Get notified of sub-processor changes</h1>
      <p className="mt-2 text-slate-600">
        {workspace.name} e-mails you before it adds, removes or changes a company that processes personal data for it,
        with time to object. Every e-mail has a one-click unsubscribe link.
      </p>
      <FormAlert message={actionData && 'message' in actionData ? actionData.message : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field
          label="Your e-mail address"
          name="email"
          type="email"
          autoComplete="email"
          value={actionData && 'email' in actionData ? actionData.email : undefined}
          error={errors.email}
        />
        <div aria-hidden="true" className="hidden">
          <label htmlFor={HONEYPOT}>Leave this empty</label>
          <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" />
        </div>
        <SubmitButton>Subscribe</SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-slate-600">
        Or follow the <a href={links.changes} className="text-brand-700 underline">changelog</a> or its{' '}
        <a href={links.feed} className="text-brand-700 underline">Atom feed</a>.
      </p>
    </TrustShell>
  )
}
