// /p/:slug/confirm/:token: the link in the confirmation e-mail. Opening it changes nothing
// (mail scanners open links too); the button posts the confirmation. Opened again once the
// request is confirmed, it says so and leads to the request's page.
import { Form, data, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { PortalShell } from '~/components/portal-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { confirmRequest } from '~/modules/dsar/file-request.server'
import { requestOfAnyLink, requestOfLink } from '~/modules/dsar/requester-codes.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/confirm-link'

export const meta: Route.MetaFunction = () => [{ title: 'Confirm your request' }]

const NO_LONGER_WORKS = 'This link no longer works. It may have been used already, or the request has expired.'

export async function loader({ params }: Route.LoaderArgs) {
  const found = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const shell = { workspace: { name: workspace.name, slug: workspace.slug } }
    if ((await requestOfLink(tx, 'verify', params.token)) !== null) return { ...shell, view: 'confirm' as const }
    const requestId = await requestOfAnyLink(tx, 'verify', params.token)
    const request = requestId ? await tx.privacyRequest.findUnique({ where: { id: requestId }, select: { state: true, reference: true } }) : null
    if (request && request.state !== 'unverified') return { ...shell, view: 'confirmed' as const, reference: request.reference }
    return { ...shell, view: 'spent' as const }
  })
  if (!found) throw data('There is no privacy portal at this address.', { status: 404 })
  return found
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const result = await confirmRequest(params.slug, { proof: { linkToken: params.token } }, requestOrigin(request, context))
  if (!result) throw data('There is no privacy portal at this address.', { status: 404 })
  if (result.outcome === 'confirmed' || result.outcome === 'already_confirmed') {
    throw redirect(`/p/${params.slug}/requests/${result.reference}/verify`)
  }
  return data({ error: NO_LONGER_WORKS }, { status: 400 })
}

export default function ConfirmLink({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace } = loaderData
  if (loaderData.view === 'confirmed') {
    return (
      <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="This request is already confirmed">
        <p className="mt-4" role="status">
          Request <strong>{loaderData.reference}</strong> was confirmed, and {workspace.name} has received it. There is
          nothing more to do with this link.
        </p>
        <p className="mt-6">
          <a
            className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            href={`/p/${workspace.slug}/requests/${loaderData.reference}`}
          >
            Follow the request
          </a>
        </p>
      </PortalShell>
    )
  }
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Confirm your privacy request">
      <FormAlert message={actionData?.error ?? (loaderData.view === 'spent' ? NO_LONGER_WORKS : undefined)} />
      {loaderData.view === 'confirm' ? (
        <Form method="post" className="mt-6">
          <p className="mb-4 text-slate-600">Confirm that you made this request to {workspace.name}.</p>
          <SubmitButton>Confirm my request</SubmitButton>
        </Form>
      ) : null}
    </PortalShell>
  )
}
