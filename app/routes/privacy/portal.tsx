// /p/:slug: the public form where a data subject (or their agent) files a privacy request.
// Works without JavaScript; errors are shown beside each field; a hidden honeypot field and
// per-address and per-e-mail limits keep floods out.
import { Form, data, isRouteErrorResponse, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field, SelectField, optionsOf } from '~/components/field'
import { PortalShell } from '~/components/portal-shell'
import { TimeZoneField } from '~/components/time-zone-field'
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import { fileRequest } from '~/modules/dsar/file-request.server'
import { fieldErrors, requestInput } from '~/modules/dsar/portal-form'
import { subjectTimeZone } from '~/modules/dsar/subject-time-zone'
import { JURISDICTIONS, RELATIONSHIPS, REQUEST_TYPES, suggestJurisdiction } from '~/modules/dsar/request-kinds'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { tooManySent } from '~/modules/http/try-again'
import { ErrorBoundary as PageErrorBoundary } from '~/root'
import type { Route } from './+types/portal'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Privacy requests — ${data.workspace.name}` : 'Privacy requests' },
]

export const headers: Route.HeadersFunction = ({ actionHeaders, errorHeaders }) => errorHeaders ?? actionHeaders

/** The honeypot: invisible to people, filled in by bots. */
const HONEYPOT = 'website'

export async function loader({ request, params }: Route.LoaderArgs) {
  const workspace = await withPublicWorkspace(params.slug, async (tx, workspace) => {
    const settings = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { defaultJurisdiction: true } })
    return { ...workspace, defaultJurisdiction: settings.defaultJurisdiction }
  })
  if (!workspace) throw data('There is no privacy portal at this address.', { status: 404 })
  return {
    workspace: { name: workspace.name, slug: workspace.slug },
    suggested: suggestJurisdiction(request.headers.get('accept-language'), workspace.defaultJurisdiction),
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const values = Object.fromEntries([...form].map(([key, value]) => [key, String(value)]))
  if (values[HONEYPOT]) {
    // Looks like success to the bot; nothing is stored.
    throw redirect(`/p/${params.slug}/requests/R-00000000/verify`)
  }
  const parsed = requestInput.safeParse(values)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values, message: 'Please correct the fields marked below.' }, { status: 400 })
  }
  const result = await fileRequest(params.slug, { ...parsed.data, timeZone: subjectTimeZone(values.timeZone) }, {
    ...requestOrigin(request, context),
    portalOrigin: appOrigin(),
  })
  switch (result.outcome) {
    case 'no_workspace':
      throw data('There is no privacy portal at this address.', { status: 404 })
    case 'rate_limited':
      // Thrown, so that the refusal is answered by this route's error boundary without the
      // page's loader: a flood of refusals costs one read of the limits each (decision 017).
      throw data(tooManySent('requests', result.by, result.retryAfterSeconds), {
        status: 429,
        headers: { 'Retry-After': String(result.retryAfterSeconds) },
      })
    case 'filed':
      throw redirect(`/p/${params.slug}/requests/${result.reference}/verify`)
  }
}

function Choice(props: { name: string; value: string; label: string; hint?: string; checked: boolean }) {
  return (
    <label className="flex gap-3 rounded border border-slate-200 bg-white p-3 has-[:checked]:border-brand-600">
      <input type="radio" name={props.name} value={props.value} defaultChecked={props.checked} className="mt-1" />
      <span>
        <span className="font-medium">{props.label}</span>
        {props.hint ? <span className="block text-sm text-slate-600">{props.hint}</span> : null}
      </span>
    </label>
  )
}

export default function Portal({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, suggested } = loaderData
  const values: Record<string, string> = actionData?.values ?? {}
  const errors: Record<string, string> = actionData?.errors ?? {}
  return (
    <PortalShell workspaceName={workspace.name} slug={workspace.slug} title="Make a privacy request">
      <p className="mt-2 text-slate-600">
        Ask {workspace.name} about the personal data it holds about you. We will e-mail you a code to confirm the
        request comes from you; the legal deadline starts once you confirm.
      </p>
      <FormAlert message={actionData?.message} />
      <Form method="post" className="mt-8 grid gap-6" noValidate>
        <fieldset aria-describedby={errors.type ? 'type-error' : undefined}>
          <legend className="text-sm font-medium">What would you like to do?</legend>
          <div className="mt-2 grid gap-2">
            {Object.entries(REQUEST_TYPES).map(([type, { label, summary }]) => (
              <Choice key={type} name="type" value={type} label={label} hint={summary} checked={values.type === type} />
            ))}
          </div>
          {errors.type ? (
            <p id="type-error" className="mt-1 text-sm text-red-700">
              {errors.type}
            </p>
          ) : null}
        </fieldset>
        <Field label="Your full name" name="subjectName" autoComplete="name" value={values.subjectName} error={errors.subjectName} />
        <Field
          label="Your e-mail address"
          name="email"
          type="email"
          autoComplete="email"
          hint="The address the company knows you by. We send the confirmation code here."
          value={values.email}
          error={errors.email}
        />
        <SelectField
          label="How do you know the company?"
          name="relationship"
          options={optionsOf({ '': 'Choose one', ...RELATIONSHIPS })}
          value={values.relationship ?? ''}
          error={errors.relationship}
        />
        <SelectField
          label="Where do you live?"
          name="jurisdiction"
          options={optionsOf(JURISDICTIONS)}
          value={values.jurisdiction ?? suggested}
          error={errors.jurisdiction}
        />
        <Field
          label="Details (optional)"
          name="details"
          multiline
          hint="Anything that helps: accounts or products concerned, what to correct, what you object to."
          value={values.details}
          error={errors.details}
        />
        <fieldset>
          <legend className="text-sm font-medium">Who is making this request?</legend>
          <div className="mt-2 grid gap-2">
            <Choice name="agent" value="self" label="I am the person the data is about" checked={values.agent !== 'agent'} />
            <Choice
              name="agent"
              value="agent"
              label="I am an authorised agent acting for them"
              hint="The company may ask for proof of your authority."
              checked={values.agent === 'agent'}
            />
          </div>
        </fieldset>
        <Field label="Agent's name (if you are an agent)" name="agentName" value={values.agentName} error={errors.agentName} />
        <Field
          label="How you are authorised (if you are an agent)"
          name="agentAuthority"
          multiline
          value={values.agentAuthority}
          error={errors.agentAuthority}
        />
        <div aria-hidden="true" className="hidden">
          <label htmlFor={HONEYPOT}>Leave this empty</label>
          <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" />
        </div>
        <TimeZoneField />
        <SubmitButton>Send request</SubmitButton>
      </Form>
    </PortalShell>
  )
}

/**
 * A refusal for too many requests: the message and the way back to the form. The browser's Back
 * button returns to the form with what was typed; the link opens it empty. Anything else is
 * shown as on every other page.
 */
export function ErrorBoundary({ error, params }: Route.ErrorBoundaryProps) {
  if (!isRouteErrorResponse(error) || error.status !== 429) return <PageErrorBoundary error={error} params={params} />
  return (
    <main className="mx-auto max-w-2xl px-6 py-24">
      <h1 className="text-3xl font-semibold">Too many requests</h1>
      <p className="mt-4 text-lg text-slate-600">{String(error.data)}</p>
      <p className="mt-4 text-slate-600">
        Your request was not sent, and nothing of it was stored. Your browser&rsquo;s Back button returns to the form
        with what you typed.
      </p>
      <p className="mt-8">
        <a className="text-brand-600 underline" href={`/p/${params.slug}`}>
          Back to the form
        </a>
      </p>
    </main>
  )
}

