// /t/:slug/subprocessors/unsubscribe/:token: the List-Unsubscribe address of every e-mail.
// GET shows a button (opening a link changes nothing); POST unsubscribes. A mail client's
// RFC 8058 one-click POST (body List-Unsubscribe=One-Click, no cookie, no Origin) works as the
// button does: the same-origin check exempts exactly this path, whose token is the authority.
import { Form, data } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { TrustShell } from '~/components/trust-shell'
import { requestOrigin } from '~/modules/http/request-info'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { unsubscribe, unsubscribeLinkState } from '~/modules/trust/subprocessor-subscribers.server'
import type { Route } from './+types/subprocessors-unsubscribe'

export const meta: Route.MetaFunction = () => [{ title: 'Unsubscribe' }]

const NO_PAGE = 'There is no trust page at this address.'
const UNKNOWN = 'This unsubscribe link is not known here. If you still receive e-mails, use the link in the newest one.'

export async function loader({ params }: Route.LoaderArgs) {
  const found = await unsubscribeLinkState(params.slug, params.token)
  if (!found) throw data(NO_PAGE, { status: 404 })
  return found
}

// The body (List-Unsubscribe=One-Click, or the button's empty form) is not needed: the POST is the request.
export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await unsubscribe(params.slug, params.token, requestOrigin(request, context))
  if (result === 'no_workspace') throw data(NO_PAGE, { status: 404 })
  if (result === 'invalid') return data({ unsubscribed: false as const, error: UNKNOWN }, { status: 404 })
  return { unsubscribed: true as const }
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, state } = loaderData
  const done = actionData?.unsubscribed || state === 'unsubscribed'
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
      {done ? (
        <>
          <h1 className="text-2xl font-semibold">You are unsubscribed</h1>
          <p className="mt-4 text-slate-700">
            You will get no more e-mails about {workspace.name}’s sub-processor changes. Changed your mind?{' '}
            <a href={subprocessorLinks('', workspace.slug).subscribe} className="text-brand-700 underline">
              Subscribe again
            </a>
            .
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Unsubscribe</h1>
          <FormAlert message={actionData?.error ?? (state === 'invalid' ? UNKNOWN : undefined)} />
          {state === 'subscribed' ? (
            <Form method="post" className="mt-6">
              <p className="mb-4 text-slate-600">Stop e-mails about {workspace.name}’s sub-processor changes.</p>
              <SubmitButton>Unsubscribe</SubmitButton>
            </Form>
          ) : null}
        </>
      )}
    </TrustShell>
  )
}
