// /t/:slug/documents/:documentId/request: a visitor asks for a gated document with their name,
// work e-mail and company, after reading the NDA and ticking "I accept". The form names the NDA
// version it showed; a newer text is shown again instead of being recorded as accepted. Works
// without JavaScript; a honeypot and per-address and per-e-mail limits keep floods out.
import { Form, data } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field } from '~/components/field'
import { Markdown } from '~/components/markdown'
import { TrustShell } from '~/components/trust-shell'
import { renderMarkdown } from '~/modules/formats/markdown'
import { appOrigin } from '~/modules/config/env.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { accessRequestInput } from '~/modules/trust/document-forms'
import { requestDocumentAccess, requestableDocument } from '~/modules/trust/document-requests.server'
import { fieldErrors } from '~/modules/trust/subprocessor-forms'
import { tooManySent } from '~/modules/http/try-again'
import type { Route } from './+types/document-request'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Request “${data.document.title}” — ${data.workspace.name}` : 'Request a document' },
]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const HONEYPOT = 'website'
const NO_DOCUMENT = 'There is no such document on this trust page.'

async function find(slug: string, documentId: string) {
  const found = await requestableDocument(slug, documentId)
  if (!found) throw data(NO_DOCUMENT, { status: 404 })
  const { nda } = found
  return {
    workspace: { name: found.workspace.name, slug: found.workspace.slug },
    document: found.document,
    // The agreement is Markdown, rendered safely on the server like every text a visitor reads.
    nda: nda ? { id: nda.id, number: nda.number, sha256: nda.sha256, html: renderMarkdown(nda.text, { headings: true }) } : null,
    contactEmail: found.contactEmail,
  }
}

export async function loader({ params }: Route.LoaderArgs) {
  return find(params.slug, params.documentId)
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const values = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]))
  // Looks like success to the bot; nothing is stored.
  if (values[HONEYPOT]) return { outcome: 'pending' as const }
  const parsed = accessRequestInput.safeParse(values)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values, message: 'Some fields need a correction.' }, { status: 400 })
  }
  const result = await requestDocumentAccess(params.slug, params.documentId, parsed.data, {
    ...requestOrigin(request, context),
    publicOrigin: appOrigin(),
  })
  switch (result.outcome) {
    case 'no_document':
      throw data(NO_DOCUMENT, { status: 404 })
    case 'nda_changed':
      return data(
        { errors: {}, values: { ...values, accept: '' }, message: 'The agreement was updated while you were reading it. Please read it again and accept this version.' },
        { status: 409 },
      )
    case 'rate_limited': {
      return data(
        { errors: {}, values, message: tooManySent('requests', result.by, result.retryAfterSeconds) },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    }
    case 'pending':
    case 'approved':
      return { outcome: result.outcome }
  }
}

export default function RequestDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, document, nda, contactEmail } = loaderData
  const shell = (children: React.ReactNode) => (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Documents">
      {children}
    </TrustShell>
  )
  if (actionData && 'outcome' in actionData) {
    return shell(
      <>
        <h1 className="text-2xl font-semibold">Check your e-mail</h1>
        <p className="mt-4 text-slate-700" role="status">
          {actionData.outcome === 'approved'
            ? `Your request for “${document.title}” is approved: we have e-mailed you a download link. It works for a limited time.`
            : `${workspace.name} has your request for “${document.title}”. You will get an e-mail with a download link once it is approved.`}
        </p>
        <p className="mt-4">
          <a href={`/t/${workspace.slug}`} className="text-brand-700 underline">
            Back to the trust page
          </a>
        </p>
      </>,
    )
  }
  if (!nda) {
    return shell(
      <>
        <h1 className="text-2xl font-semibold">{document.title}</h1>
        <p className="mt-4 text-slate-700">
          {workspace.name} shares this document on request, but it cannot be requested online yet.{' '}
          {contactEmail ? (
            <>
              Write to{' '}
              <a href={`mailto:${contactEmail}`} className="text-brand-700 underline">
                {contactEmail}
              </a>{' '}
              to ask for a copy.
            </>
          ) : (
            `Ask ${workspace.name} for a copy.`
          )}
        </p>
        <p className="mt-4">
          <a href={`/t/${workspace.slug}`} className="text-brand-700 underline">
            Back to the trust page
          </a>
        </p>
      </>,
    )
  }
  const errors: Record<string, string> = actionData?.errors ?? {}
  const values: Record<string, string> = actionData?.values ?? {}
  return shell(
    <>
      <h1 className="text-2xl font-semibold">Request “{document.title}”</h1>
      {document.description ? <p className="mt-2 whitespace-pre-line text-slate-600">{document.description}</p> : null}
      <p className="mt-2 text-slate-600">
        {workspace.name} shares this document under a non-disclosure agreement. Give your details, read the agreement and accept it; you will
        be e-mailed a personal download link once the request is approved.
      </p>
      <FormAlert message={actionData?.message} />
      <Form method="post" className="mt-6 grid gap-4" noValidate>
        <Field label="Your name" name="name" autoComplete="name" value={values.name} error={errors.name} />
        <Field label="Work e-mail" name="email" type="email" autoComplete="email" hint="The link is sent to this address." value={values.email} error={errors.email} />
        <Field label="Company" name="company" autoComplete="organization" value={values.company} error={errors.company} />
        <section aria-labelledby="nda-title" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="nda-title" className="font-semibold">
            Non-disclosure agreement (version {nda.number})
          </h2>
          <div tabIndex={0} className="mt-2 max-h-72 overflow-y-auto text-sm text-slate-800" data-testid="nda-text">
            <Markdown html={nda.html} />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            SHA-256 of this text: <code className="break-all">{nda.sha256}</code>. It is recorded with the time and your IP address when you accept.
          </p>
        </section>
        <input type="hidden" name="ndaVersionId" value={nda.id} />
        <div>
          <div className="flex items-start gap-2">
            <input
              id="accept"
              name="accept"
              type="checkbox"
              value="yes"
              defaultChecked={values.accept === 'yes'}
              aria-invalid={errors.accept ? true : undefined}
              aria-describedby={errors.accept ? 'accept-error' : undefined}
              className="mt-1"
            />
            <label htmlFor="accept">I have read the agreement above and accept it on behalf of my company.</label>
          </div>
          {errors.accept ? (
            <p id="accept-error" className="mt-1 text-sm text-red-700">
              {errors.accept}
            </p>
          ) : null}
        </div>
        <div aria-hidden="true" className="hidden">
          <label htmlFor={HONEYPOT}>Leave this empty</label>
          <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" />
        </div>
        <SubmitButton>Request the document</SubmitButton>
      </Form>
    </>,
  )
}
