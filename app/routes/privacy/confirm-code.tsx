// /p/:slug/requests/:reference/verify: the requester types the code we e-mailed, and the
// request is received. Once confirmed, the page says so (and shows nothing personal).
import { Form, data, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PortalShell } from '~/components/portal-shell'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { confirmRequest } from '~/modules/dsar/file-request.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/confirm-code'

export const meta: Route.MetaFunction = () => [{ title: 'Confirm your request' }]

export async function loader({ params }: Route.LoaderArgs) {
  const found = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const request = await tx.privacyRequest.findUnique({
      where: { workspaceId_reference: { workspaceId: workspace.id, reference: params.reference } },
      select: { state: true },
    })
    return { workspace: { name: workspace.name, slug: workspace.slug }, confirmed: request ? request.state !== 'unverified' : false }
  })
  if (!found) throw data('There is no privacy portal at this address.', { status: 404 })
  return { ...found, reference: params.reference }
}

const MESSAGES = {
  wrong: 'That code is not right. Check the e-mail and try again.',
  locked: 'Too many wrong codes. Open the link in the e-mail instead, or file the request again.',
  expired: 'This code has expired. Please file the request again.',
  none: 'There is no request waiting for a code here. Open the link in the e-mail, or file the request again.',
} as const

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const code = String(form.get('code') ?? '').replace(/\s/g, '')
  if (!/^\d{6}$/.test(code)) return data({ fieldError: 'Enter the 6-digit code from the e-mail.' }, { status: 400 })
  const result = await confirmRequest(
    params.slug,
    { reference: params.reference, proof: { code } },
    requestOrigin(request, context),
  )
  if (!result) throw data('There is no privacy portal at this address.', { status: 404 })
  if (result.outcome === 'confirmed' || result.outcome === 'already_confirmed') {
    throw redirect(`/p/${params.slug}/requests/${params.reference}/verify`)
  }
  return data({ error: MESSAGES[result.outcome] }, { status: result.outcome === 'locked' ? 429 : 400 })
}

export default function ConfirmCode({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, reference, confirmed } = loaderData
  if (confirmed) {
    return (
      <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Your request is confirmed">
        <p className="mt-4" role="status">
          {workspace.name} has received request <strong>{reference}</strong>. We e-mailed you the date by which it
          must answer, and a link to follow the request.
        </p>
      </PortalShell>
    )
  }
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Check your e-mail">
      <p className="mt-2 text-slate-600">
        We sent a 6-digit code to the address you gave, for request <strong>{reference}</strong>. Enter it here, or open
        the link in the e-mail. Your request is received once you confirm it.
      </p>
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field
          label="Code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          error={actionData && 'fieldError' in actionData ? actionData.fieldError : undefined}
        />
        <SubmitButton>Confirm my request</SubmitButton>
      </Form>
    </PortalShell>
  )
}
