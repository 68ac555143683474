// /t/:slug/dpa/link — a signer whose link expired (or was lost) asks for a new one: they type
// the e-mail they signed with, and if a signed agreement exists for it in this workspace, new
// links are e-mailed there. The answer is the same either way; per-address and per-e-mail
// limits apply. Works without JavaScript.
import { Form, data } from 'react-router'
import { z } from 'zod'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { TrustShell } from '~/components/trust-shell'
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { SIGNER_LINK_DAYS, sendFreshSignerLinks } from '~/modules/dpa/signer-links.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { tooManySent } from '~/modules/http/try-again'
import type { Route } from './+types/dpa-link'

export const meta: Route.MetaFunction = () => [{ title: 'A new link to your signed agreement' }, { name: 'robots', content: 'noindex' }]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const NOT_FOUND = 'There is no trust page at this address.'

const linkForm = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'That e-mail address is too long.')
    .pipe(z.email('Enter the e-mail address you signed with, like name@company.com.')),
})

export async function loader({ params }: Route.LoaderArgs) {
  const workspace = await withPublicWorkspace(params.slug, async (_, found) => found)
  if (!workspace) throw data(NOT_FOUND, { status: 404 })
  return { workspace: { name: workspace.name, slug: workspace.slug }, linkDays: SIGNER_LINK_DAYS }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const email = String(form.get('email') ?? '')
  const parsed = linkForm.safeParse({ email })
  if (!parsed.success) return data({ fieldError: parsed.error.issues[0]?.message, email: email.slice(0, 320) }, { status: 400 })
  const result = await sendFreshSignerLinks(params.slug, parsed.data.email, { ...requestOrigin(request, context), appOrigin: appOrigin() })
  switch (result.outcome) {
    case 'no_workspace':
      throw data(NOT_FOUND, { status: 404 })
    case 'rate_limited':
      return data(
        { error: tooManySent('link requests', result.by, result.retryAfterSeconds), email: parsed.data.email },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    case 'answered':
      return { sentTo: parsed.data.email }
  }
}

export default function NewSignerLink({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, linkDays } = loaderData
  const sentTo = actionData && 'sentTo' in actionData ? actionData.sentTo : null
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Data processing agreement">
      <h1 className="text-2xl font-semibold">A new link to your signed agreement</h1>
      {sentTo ? (
        <p role="status" className="mt-4 rounded border border-green-200 bg-green-50 px-3 py-2 text-green-900">
          If a data processing agreement with {workspace.name} was signed with {sentTo}, we e-mailed a new link to it
          there. It works for {linkDays} days.
        </p>
      ) : (
        <>
          <p className="mt-2 text-slate-600">
            Links to a signed agreement work for {linkDays} days. Enter the e-mail address you signed with: if an
            agreement was signed with it, we e-mail a new link there.
          </p>
          <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
          <Form method="post" className="mt-6 grid max-w-md gap-4" noValidate>
            <Field
              label="E-mail address you signed with"
              name="email"
              type="email"
              autoComplete="email"
              value={actionData && 'email' in actionData ? actionData.email : undefined}
              error={actionData && 'fieldError' in actionData ? actionData.fieldError : undefined}
            />
            <SubmitButton>E-mail me a new link</SubmitButton>
          </Form>
        </>
      )}
    </TrustShell>
  )
}
