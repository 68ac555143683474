// /w/:slug/data-systems/new/webhook — connect a webhook endpoint as a data system: a name and an
// address; Candor makes the signing secret and shows it once (decision 036).
import { Form, Link, data } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { Field } from '~/components/field'
import { requireMember } from '~/modules/auth/member.server'
import { DataSystemError } from '~/modules/connectors/data-systems.server'
import { addWebhookSystem, webhookSystemInput } from '~/modules/connectors/webhook/add-system.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/data-system-new-webhook'

export const meta: Route.MetaFunction = () => [{ title: 'Connect a webhook endpoint — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireMember({ request, params, context }, 'privacy.manage')
  return { slug: params.slug }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const form = await readForm(request)
  const values = { name: String(form.get('name') ?? ''), url: String(form.get('url') ?? '') }
  const parsed = webhookSystemInput.safeParse(values)
  if (!parsed.success) return data({ fieldErrors: z.flattenError(parsed.error).fieldErrors, values }, { status: 400 })
  try {
    const added = await addWebhookSystem(member, parsed.data, requestOrigin(request, context))
    return { added: { name: parsed.data.name, url: parsed.data.url, secret: added.secret } }
  } catch (error) {
    if (error instanceof DataSystemError) return data({ error: error.message, values }, { status: 409 })
    throw error
  }
}

export default function NewWebhookSystem({ loaderData, actionData }: Route.ComponentProps) {
  const added = actionData && 'added' in actionData ? actionData.added : null
  const fieldErrors: Partial<Record<string, string[]>> = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const values = actionData && 'values' in actionData ? actionData.values : undefined
  const back = `/w/${loaderData.slug}/privacy#systems`
  if (added) {
    return (
      <section role="status" className="max-w-2xl">
        <h1 className="text-2xl font-semibold">“{added.name}” is connected</h1>
        <p className="mt-3">
          Each access or erasure request now sends a task to <code className="break-all">{added.url}</code>, signed per Standard Webhooks with
          this secret. Copy it now into the endpoint’s configuration: it will not be shown again.
        </p>
        <code data-testid="signing-secret" className="mt-3 block break-all rounded border border-green-200 bg-green-50 p-3 font-mono text-sm">
          {added.secret}
        </code>
        <p className="mt-3 text-sm text-slate-600">
          The endpoint checks the <code>webhook-signature</code> header with it.{' '}
          <Link className="text-brand-700 underline" to="/docs/webhook-connector">
            The webhook connector
          </Link>{' '}
          in the docs has the task’s format and a receiver example.
        </p>
        <p className="mt-6">
          <Link className="text-brand-700 underline" to={back}>
            Back to data systems
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section className="max-w-md">
      <h1 className="text-2xl font-semibold">Connect a webhook endpoint</h1>
      <p className="mt-2 text-slate-600">
        Candor POSTs each privacy request’s task to this address. The endpoint answers with the data or what it erased, at once or later on
        a callback address.
      </p>
      <FormAlert message={actionData && 'error' in actionData ? actionData.error : undefined} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="System name" name="name" value={values?.name} error={fieldErrors.name?.[0]} />
        <Field label="Endpoint address (https://…)" name="url" type="url" value={values?.url} error={fieldErrors.url?.[0]} />
        <div className="flex items-center gap-4">
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Connect
          </button>
          <Link className="text-brand-700 underline" to={back}>
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  )
}
