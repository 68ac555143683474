// /t/:slug/dpa — a workspace's data processing agreement, shown exactly as it will be signed
// (today's sub-processors included; the signer's fields appear as labels), and the form that
// signs it. Works without JavaScript. The page carries the hash of the DPA it shows: if the
// template or the sub-processors change before the form is sent, signing is refused and the
// new DPA is shown. A hidden honeypot and per-address and per-e-mail limits keep floods out.
import { Form, data, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { DpaDocument } from '~/components/dpa-document'
import { Field } from '~/components/field'
import { TrustShell } from '~/components/trust-shell'
import { appOrigin } from '~/modules/config/env.server'
import { signInput } from '~/modules/dpa/forms'
import { dpaPaths } from '~/modules/dpa/signer-links.server'
import { publicOffer, signDpa } from '~/modules/dpa/signing.server'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { tooManySent } from '~/modules/http/try-again'
import type { Route } from './+types/dpa-sign'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Data processing agreement — ${data.workspace.name}` : 'Data processing agreement' },
]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const NOT_FOUND = 'There is no data processing agreement to sign at this address.'

/** The honeypot: invisible to people, filled in by bots. */
const HONEYPOT = 'website'

export async function loader({ params }: Route.LoaderArgs) {
  const found = await publicOffer(params.slug, appOrigin())
  if (!found?.offer) throw data(NOT_FOUND, { status: 404 })
  const { workspace, offer } = found
  return {
    workspace: { name: workspace.name, slug: workspace.slug },
    blocks: offer.blocks,
    sha256: offer.sha256,
    version: offer.templateVersion.number,
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const values = Object.fromEntries([...form].map(([key, value]) => [key, String(value)]))
  // Looks like success to the bot; nothing is stored.
  if (values[HONEYPOT]) throw redirect(`${dpaPaths(params.slug).sign}?sent`)
  const parsed = signInput.safeParse(values)
  // The authority box is never ticked again for the signer: they tick it themselves.
  delete values.authority
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values, message: 'Please correct the fields marked below.' }, { status: 400 })
  }
  const result = await signDpa(params.slug, parsed.data, { ...requestOrigin(request, context), appOrigin: appOrigin() })
  switch (result.outcome) {
    case 'not_offered':
      throw data(NOT_FOUND, { status: 404 })
    case 'stale':
      return data(
        {
          errors: {},
          values,
          message:
            'The agreement changed while you were reading it (its text or the list of sub-processors was updated), so nothing was signed. ' +
            'The current version is shown below: please read it, tick the box again and sign.',
        },
        { status: 409 },
      )
    case 'rate_limited': {
      return data(
        { errors: {}, values, message: tooManySent('signatures', result.by, result.retryAfterSeconds) },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    }
    case 'signed':
      throw redirect(dpaPaths(params.slug).signed(result.token))
  }
}

export default function SignDpa({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, blocks, sha256, version } = loaderData
  const values: Record<string, string> = actionData?.values ?? {}
  const errors: Record<string, string> = actionData?.errors ?? {}
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Data processing agreement">
      <h1 className="text-2xl font-semibold">Sign our data processing agreement</h1>
      <p className="mt-2 text-slate-600">
        Read the agreement below, then sign it for your company at the end of the page. You get a PDF copy by e-mail.
        Fields in [brackets] are filled in with what you type and today’s date.
      </p>
      <FormAlert message={actionData?.message} />
      <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <DpaDocument blocks={blocks} />
        <p className="mt-6 break-all text-xs text-slate-500">
          Template version {version} · SHA-256 of this text before signing: <code>{sha256}</code>
        </p>
      </div>

      <section aria-labelledby="sign" className="mt-10">
        <h2 id="sign" className="text-xl font-semibold">
          Sign for your company
        </h2>
        <Form method="post" className="mt-6 grid gap-6" noValidate>
          <input type="hidden" name="offer" value={sha256} />
          <Field label="Your full name" name="signerName" autoComplete="name" value={values.signerName} error={errors.signerName} />
          <Field label="Your title" name="signerTitle" autoComplete="organization-title" hint="For example “Head of Legal” or “CEO”." value={values.signerTitle} error={errors.signerTitle} />
          <Field label="Company (full legal name)" name="companyName" autoComplete="organization" value={values.companyName} error={errors.companyName} />
          <Field label="Company address (optional)" name="companyAddress" autoComplete="street-address" value={values.companyAddress} error={errors.companyAddress} />
          <Field
            label="Your work e-mail"
            name="signerEmail"
            type="email"
            autoComplete="email"
            hint="The signed agreement is sent here."
            value={values.signerEmail}
            error={errors.signerEmail}
          />
          <div>
            <div className="flex items-start gap-3">
              <input
                id="authority"
                name="authority"
                type="checkbox"
                value="yes"
                className="mt-1 h-4 w-4"
                aria-invalid={errors.authority ? true : undefined}
                aria-describedby={errors.authority ? 'authority-error' : undefined}
              />
              <label htmlFor="authority" className="text-sm font-medium">
                I have authority to sign for the company and accept this DPA
              </label>
            </div>
            {errors.authority ? (
              <p id="authority-error" className="mt-1 text-sm text-red-700">
                {errors.authority}
              </p>
            ) : null}
            {errors.offer ? <p className="mt-1 text-sm text-red-700">{errors.offer}</p> : null}
          </div>
          <div aria-hidden="true" className="hidden">
            <label htmlFor={HONEYPOT}>Leave this empty</label>
            <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" />
          </div>
          <SubmitButton>Sign the agreement</SubmitButton>
        </Form>
      </section>
    </TrustShell>
  )
}
