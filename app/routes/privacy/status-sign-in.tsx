// /p/:slug/status: a requester asks to follow a request by its reference and e-mail. We
// e-mail a code; the answer is the same whether or not they match a request, and the code form
// appears right here, under the one sentence that is true either way.
import { Form, data } from 'react-router'
import { z } from 'zod'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PortalShell } from '~/components/portal-shell'
import { CodeForm } from '~/components/privacy/status-locked'
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { REQUEST_REFERENCE } from '~/modules/formats/reference'
import { sendStatusCode } from '~/modules/dsar/requester-access.server'
import { readForm } from '~/modules/http/form.server'
import { requestInfoContext } from '~/modules/http/request-info'
import { tryAgainIn } from '~/modules/http/try-again'
import type { Route } from './+types/status-sign-in'

export const meta: Route.MetaFunction = () => [{ title: 'Follow a privacy request' }]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const statusInput = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(REQUEST_REFERENCE, 'Enter the reference from your e-mail, like R-7K3Q9XHM.'),
  email: z.string().trim().toLowerCase().max(320).pipe(z.email('Enter the e-mail address you used for the request.')),
})

export async function loader({ params }: Route.LoaderArgs) {
  const workspace = await withPublicWorkspace(params.slug, async (_tx, workspace) => workspace)
  if (!workspace) throw data('There is no privacy portal at this address.', { status: 404 })
  return { workspace: { name: workspace.name, slug: workspace.slug } }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const values = Object.fromEntries([...(await readForm(request))].map(([k, v]) => [k, String(v)]))
  const parsed = statusInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 })
  const sent = await sendStatusCode(params.slug, parsed.data, context.get(requestInfoContext).clientIp, appOrigin())
  if (!sent) throw data('There is no privacy portal at this address.', { status: 404 })
  if (sent.outcome === 'rate_limited') {
    return data(
      { errors: { form: `Too many codes were asked for. ${tryAgainIn(sent.retryAfterSeconds)}` }, values },
      { status: 429, headers: { 'Retry-After': String(sent.retryAfterSeconds) } },
    )
  }
  return { sent: parsed.data.reference }
}

export default function StatusSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace } = loaderData
  if (actionData && 'sent' in actionData) {
    return (
      <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Check your e-mail">
        <p className="mt-2 text-slate-600" role="status">
          If the reference and e-mail address you gave match a request, we sent a 6-digit code to that address. Enter it
          to open request <strong>{actionData.sent}</strong>.
        </p>
        <CodeForm slug={workspace.slug} reference={actionData.sent} />
      </PortalShell>
    )
  }
  const errors: Record<string, string> = actionData?.errors ?? {}
  const values: Record<string, string> = actionData?.values ?? {}
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Follow a privacy request">
      <p className="mt-2 text-slate-600">
        Enter your request’s reference and the e-mail address you used. We will e-mail you a code to open it.
      </p>
      <FormAlert message={errors.form} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="Reference" name="reference" value={values.reference} error={errors.reference} />
        <Field label="E-mail address" name="email" type="email" autoComplete="email" value={values.email} error={errors.email} />
        <SubmitButton>Send me a code</SubmitButton>
      </Form>
    </PortalShell>
  )
}
