// /p/:slug/confirm/:token: the link in the confirmation e-mail. Opening it changes nothing
// (mail scanners open links too); the button posts the confirmation.
import { Form, data, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { PortalShell } from '~/components/portal-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { confirmRequest } from '~/modules/dsar/file-request.server'
import { requestOfLink } from '~/modules/dsar/requester-codes.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/confirm-link'

export const meta: Route.MetaFunction = () => [{ title: 'Confirm your request' }]

export async function loader({ params }: Route.LoaderArgs) {
  const found = await withPublicWorkspace(params.slug, async (tx, workspace) => ({
    workspace: { name: workspace.name, slug: workspace.slug },
    valid: (await requestOfLink(tx, 'verify', params.token)) !== null,
  }))
  if (!found) throw data('There is no privacy portal at this address.', { status: 404 })
  return found
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await confirmRequest(params.slug, { proof: { linkToken: params.token } }, requestOrigin(request, context))
  if (!result) throw data('There is no privacy portal at this address.', { status: 404 })
  if (result.outcome === 'confirmed' || result.outcome === 'already_confirmed') {
    throw redirect(`/p/${params.slug}/requests/${result.reference}/verify`)
  }
  return data({ error: 'This link no longer works. It may have been used already, or the request has expired.' }, { status: 400 })
}

export default function ConfirmLink({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, valid } = loaderData
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Confirm your privacy request">
      <FormAlert message={actionData?.error ?? (valid ? undefined : 'This link no longer works. It may have been used already, or the request has expired.')} />
      {valid ? (
        <Form method="post" className="mt-6">
          <p className="mb-4 text-slate-600">Confirm that you made this request to {workspace.name}.</p>
          <SubmitButton>Confirm my request</SubmitButton>
        </Form>
      ) : null}
    </PortalShell>
  )
}
