// /t/:slug/subprocessors/confirm/:token: the link in the confirmation e-mail. Opening it
// changes nothing (mail scanners open links too); the button confirms the subscription.
import { Form, data } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { TrustShell } from '~/components/trust-shell'
import { requestOrigin } from '~/modules/http/request-info'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { confirmLinkWorks, confirmSubscription } from '~/modules/trust/subprocessor-subscribers.server'
import type { Route } from './+types/subprocessors-confirm'

export const meta: Route.MetaFunction = () => [{ title: 'Confirm your subscription' }]

const NO_PAGE = 'There is no trust page at this address.'
const STALE = 'This link no longer works. It may have been used already, or the subscription expired: subscribe again.'

export async function loader({ params }: Route.LoaderArgs) {
  const found = await confirmLinkWorks(params.slug, params.token)
  if (!found) throw data(NO_PAGE, { status: 404 })
  return found
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await confirmSubscription(params.slug, params.token, requestOrigin(request, context))
  if (result === 'no_workspace') throw data(NO_PAGE, { status: 404 })
  if (result === 'invalid') return data({ confirmed: false as const, error: STALE }, { status: 400 })
  return { confirmed: true as const }
}

export default function ConfirmSubscription({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, works } = loaderData
  const links = subprocessorLinks('', workspace.slug)
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
      {actionData?.confirmed ? (
        <>
          <h1 className="text-2xl font-semibold">You are subscribed</h1>
          <p className="mt-4 text-slate-700">
            {workspace.name} will e-mail you before it adds, removes or changes a sub-processor.{' '}
            <a href={links.changes} className="text-brand-700 underline">
              See every change so far
            </a>
            .
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Confirm your subscription</h1>
          <FormAlert message={actionData?.error ?? (works ? undefined : STALE)} />
          {works && !actionData ? (
            <Form method="post" className="mt-6">
              <p className="mb-4 text-slate-600">Confirm that you want e-mails about {workspace.name}’s sub-processor changes.</p>
              <SubmitButton>Confirm my subscription</SubmitButton>
            </Form>
          ) : null}
        </>
      )}
    </TrustShell>
  )
}
