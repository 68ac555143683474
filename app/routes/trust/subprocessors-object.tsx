// /t/:slug/subprocessors/object/:token: the link in a change notice. The subscriber tells the
// workspace why they object, before the change takes effect; the workspace sees it on its
// dashboard. GET shows the form; POST records the objection, once.
import { Form, data } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { TrustShell } from '~/components/trust-shell'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { fieldErrors, objectionInput } from '~/modules/trust/subprocessor-forms'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { formatDay } from '~/modules/trust/subprocessor-rules'
import { type ObjectionPage, objectToChange, objectionLinkState } from '~/modules/trust/subprocessor-subscribers.server'
import { changeTitle } from '~/modules/trust/subprocessor-text'
import type { Route } from './+types/subprocessors-object'

export const meta: Route.MetaFunction = () => [{ title: 'Object to a sub-processor change' }]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const NO_PAGE = 'There is no trust page at this address.'

export async function loader({ params }: Route.LoaderArgs) {
  const found = await objectionLinkState(params.slug, params.token)
  if (!found) throw data(NO_PAGE, { status: 404 })
  return found
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const values = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]))
  const parsed = objectionInput.safeParse(values)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), reason: values.reason ?? '' }, { status: 400 })
  const result = await objectToChange(params.slug, params.token, parsed.data.reason, requestOrigin(request, context))
  switch (result.outcome) {
    case 'no_workspace':
      throw data(NO_PAGE, { status: 404 })
    case 'rate_limited':
      return data(
        { errors: {}, reason: parsed.data.reason, message: 'Too many objections were sent from here. Please try again later.' },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    case 'refused':
      return data({ errors: {}, reason: parsed.data.reason, message: refusal(result.page) }, { status: 409 })
    case 'recorded':
      return { recorded: true as const }
  }
}

function refusal(page: ObjectionPage): string {
  switch (page.state) {
    case 'invalid':
      return 'This link is not known here. Use the link in the e-mail that told you of the change.'
    case 'objected':
      return 'You have already objected to this change.'
    case 'closed':
      return page.change.status === 'cancelled'
        ? 'This change was withdrawn: there is nothing to object to.'
        : 'This change has taken effect: objections are no longer taken here. Contact the company directly.'
    case 'open':
      return ''
  }
}

export default function ObjectToChange({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, page } = loaderData
  const links = subprocessorLinks('', workspace.slug)
  const errors: Record<string, string> = actionData && 'errors' in actionData ? actionData.errors : {}
  const title = page.state === 'invalid' ? null : changeTitle(page.change)
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
      <h1 className="text-2xl font-semibold">Object to a sub-processor change</h1>
      {title ? <p className="mt-2 font-medium text-slate-800">{title}</p> : null}
      {actionData && 'recorded' in actionData ? (
        <p role="status" className="mt-6 rounded border border-green-200 bg-green-50 px-3 py-2 text-green-900">
          Your objection was sent to {workspace.name}. They will see it before the change takes effect.
        </p>
      ) : page.state === 'open' ? (
        <>
          <p className="mt-4 text-slate-600">
            This change takes effect on {formatDay(page.change.effectiveOn)}. Tell {workspace.name} why you object; they see
            your reason and your e-mail address.
          </p>
          <FormAlert message={actionData && 'message' in actionData ? actionData.message : undefined} />
          <Form method="post" className="mt-6 grid gap-4" noValidate>
            <Field
              label="Why do you object?"
              name="reason"
              multiline
              value={actionData && 'reason' in actionData ? actionData.reason : undefined}
              error={errors.reason}
            />
            <SubmitButton>Send my objection</SubmitButton>
          </Form>
        </>
      ) : (
        <FormAlert message={page.state === 'objected' ? `You objected: “${page.reason}”` : refusal(page)} />
      )}
      <p className="mt-6 text-sm">
        <a href={links.changes} className="text-brand-700 underline">
          Every sub-processor change
        </a>
      </p>
    </TrustShell>
  )
}
