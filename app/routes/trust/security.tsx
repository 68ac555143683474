// /t/:slug/security — a workspace's vulnerability disclosure policy (its own words, sanitised,
// then the commitments and safe harbour every policy carries) and the form researchers file a
// report with. Works without JavaScript; errors are shown beside each field; a hidden honeypot
// and per-address and per-e-mail limits keep floods out.
import { Form, data, redirect } from 'react-router'
import { FormAlert, SubmitButton } from '~/components/auth-card'
import { Field, SelectField, optionsOf } from '~/components/field'
import { Markdown } from '~/components/markdown'
import { TrustShell } from '~/components/trust-shell'
import { appOrigin } from '~/modules/config/env.server'
import { withPublicWorkspace } from '~/modules/db/tenant.server'
import type { AcknowledgementTarget } from '~/modules/disclosure/deadlines'
import { defaultPolicy, safeHarbour } from '~/modules/disclosure/policy'
import { loadPolicy } from '~/modules/disclosure/policy.server'
import { SEVERITIES, TIMELINES, reportInput } from '~/modules/disclosure/report-form'
import { submitReport } from '~/modules/disclosure/reports.server'
import { disclosurePaths } from '~/modules/disclosure/security-txt'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { renderMarkdown } from '~/modules/formats/markdown'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { tooManySent } from '~/modules/http/try-again'
import type { Route } from './+types/security'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Security — ${data.workspace.name}` : 'Security' },
]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders

const NOT_FOUND = 'There is no security policy at this address.'

/** The honeypot: invisible to people, filled in by bots. */
const HONEYPOT = 'website'

/** How the acknowledgement promise reads in a sentence. */
const PROMISES = {
  '24h': 'within 24 hours',
  '48h': 'within 48 hours',
  one_business_day: 'by the end of the next working day',
} satisfies Record<AcknowledgementTarget, string>

export async function loader({ params }: Route.LoaderArgs) {
  const found = await withPublicWorkspace(params.slug, async (tx, workspace) => ({ workspace, policy: await loadPolicy(tx) }))
  if (!found) throw data(NOT_FOUND, { status: 404 })
  const { workspace, policy } = found
  return {
    workspace: { name: workspace.name, slug: workspace.slug },
    policy: renderMarkdown(policy.policy || defaultPolicy(workspace.name), { headings: true }),
    acknowledgement: PROMISES[policy.acknowledgementTarget],
    disclosureDays: policy.disclosureDeadlineDays,
    contact: policy.securityContactEmail,
    safeHarbour: safeHarbour(workspace.name),
    securityTxt: disclosurePaths(workspace.slug).securityTxt,
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readForm(request)
  const values = Object.fromEntries([...form].map(([key, value]) => [key, String(value)]))
  const received = `${disclosurePaths(params.slug).policy}/received`
  // Looks like success to the bot; nothing is stored.
  if (values[HONEYPOT]) throw redirect(received)
  const parsed = reportInput.safeParse(values)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values, message: 'Please correct the fields marked below.' }, { status: 400 })
  }
  const result = await submitReport(params.slug, parsed.data, { ...requestOrigin(request, context), appOrigin: appOrigin() })
  switch (result.outcome) {
    case 'no_workspace':
      throw data(NOT_FOUND, { status: 404 })
    case 'rate_limited': {
      return data(
        {
          errors: {},
          values,
          message: tooManySent('reports', result.by, result.retryAfterSeconds),
        },
        { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
      )
    }
    case 'filed':
      throw redirect(received)
  }
}

function Section(props: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="mt-10">
      <h2 id={props.id} className="text-xl font-semibold">
        {props.title}
      </h2>
      {props.children}
    </section>
  )
}

export default function SecurityPolicy({ loaderData, actionData }: Route.ComponentProps) {
  const { workspace, policy, acknowledgement, disclosureDays, contact, securityTxt } = loaderData
  const values: Record<string, string> = actionData?.values ?? {}
  const errors: Record<string, string> = actionData?.errors ?? {}
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Security">
      <h1 className="text-2xl font-semibold">Vulnerability disclosure policy</h1>
      <p className="mt-2 text-slate-600">
        Found a security problem in {workspace.name}? <a href="#report" className="text-brand-700 underline">Report it below</a>;
        we answer every report.
      </p>

      <Section id="policy" title="Our policy">
        <Markdown html={policy} className="text-slate-800" />
      </Section>

      <Section id="commitments" title="What we commit to">
        <ul className="mt-3 grid list-disc gap-1 pl-6 text-slate-800">
          <li>We acknowledge every report {acknowledgement}.</li>
          <li>We keep you informed by e-mail as we triage and fix the problem.</li>
          <li>
            You may disclose the problem {disclosureDays} days after we received your report, fixed or not, unless we
            agree another date with you.
          </li>
        </ul>
      </Section>

      <Section id="safe-harbour" title="Safe harbour">
        {loaderData.safeHarbour.map((paragraph) => (
          <p key={paragraph.slice(0, 40)} className="mt-3 text-slate-800">
            {paragraph}
          </p>
        ))}
      </Section>

      <Section id="contact" title="Contact">
        <p className="mt-3 text-slate-800">
          {contact ? (
            <>
              Write to <a href={`mailto:${contact}`} className="text-brand-700 underline">{contact}</a>, or use the form
              below.{' '}
            </>
          ) : (
            'Use the form below. '
          )}
          Our contact details for tools are in <a href={securityTxt} className="text-brand-700 underline">security.txt</a>.
        </p>
      </Section>

      <Section id="report" title="Report a vulnerability">
        <p className="mt-2 text-slate-600">
          Include only what is needed to show the problem: no other people’s personal data, no secrets beyond the
          one that proves it.
        </p>
        <FormAlert message={actionData?.message} />
        <Form method="post" className="mt-6 grid gap-6" noValidate>
          <Field
            label="What is affected"
            name="affectedSurface"
            hint="An address, an API endpoint, an app version or a component."
            value={values.affectedSurface}
            error={errors.affectedSurface}
          />
          <Field
            label="Steps to reproduce"
            name="reproductionSteps"
            multiline
            hint="What you did, what happened, and what should have happened. Requests and responses help."
            value={values.reproductionSteps}
            error={errors.reproductionSteps}
          />
          <SelectField
            label="How serious do you think it is?"
            name="severity"
            options={optionsOf({ '': 'Choose one', ...SEVERITIES })}
            value={values.severity ?? ''}
            error={errors.severity}
          />
          <Field
            label="Impact (optional)"
            name="impact"
            multiline
            hint="What could an attacker do with it? Whose data or which systems are at risk?"
            value={values.impact}
            error={errors.impact}
          />
          <SelectField
            label="When would you like to disclose it?"
            name="preferredTimeline"
            options={optionsOf(TIMELINES)}
            value={values.preferredTimeline ?? 'policy'}
            error={errors.preferredTimeline}
          />
          <Field label="Your name (optional)" name="reporterName" autoComplete="name" hint="How we address you in our answers." value={values.reporterName} error={errors.reporterName} />
          <Field
            label="Your e-mail address"
            name="reporterEmail"
            type="email"
            autoComplete="email"
            hint="We send the report’s reference and every update here."
            value={values.reporterEmail}
            error={errors.reporterEmail}
          />
          <div aria-hidden="true" className="hidden">
            <label htmlFor={HONEYPOT}>Leave this empty</label>
            <input id={HONEYPOT} name={HONEYPOT} tabIndex={-1} autoComplete="off" />
          </div>
          <SubmitButton>Send report</SubmitButton>
        </Form>
      </Section>
    </TrustShell>
  )
}
