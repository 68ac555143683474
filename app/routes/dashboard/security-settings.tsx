// /w/:slug/security/settings — the workspace's disclosure policy, for owners and admins: how
// soon reports are acknowledged, after how many days a reporter may disclose, the security
// contact and languages security.txt names, and the policy text (Markdown, shown sanitised).
// Saving is audited in the same transaction (policy.server.ts).
import { Form, Link, data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { Field, SelectField, optionsOf } from '~/components/field'
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { ACKNOWLEDGEMENT_TARGETS } from '~/modules/disclosure/deadlines'
import { MAX_DISCLOSURE_DAYS, MIN_DISCLOSURE_DAYS, defaultPolicy, policyInput } from '~/modules/disclosure/policy'
import { loadPolicy } from '~/modules/disclosure/policy.server'
import { savePolicy } from '~/modules/disclosure/policy.server'
import { disclosurePaths } from '~/modules/disclosure/security-txt'
import { fieldErrors } from '~/modules/dsar/portal-form'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/security-settings'

export const meta: Route.MetaFunction = () => [{ title: 'Disclosure settings — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'security.reports')
  const { policy, timeZone } = await withTenant(member.tenant, async (tx) => ({
    policy: await loadPolicy(tx),
    timeZone: (await tx.workspace.findFirstOrThrow({ select: { timeZone: true } })).timeZone,
  }))
  const paths = disclosurePaths(member.workspace.slug)
  return {
    base: `/w/${member.workspace.slug}/security`,
    privacySettings: `/w/${member.workspace.slug}/privacy`,
    paths,
    timeZone,
    placeholder: defaultPolicy(member.workspace.name),
    values: {
      acknowledgementTarget: policy.acknowledgementTarget,
      disclosureDeadlineDays: String(policy.disclosureDeadlineDays),
      securityContactEmail: policy.securityContactEmail ?? '',
      preferredLanguages: policy.preferredLanguages.join(', '),
      policy: policy.policy,
    },
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'security.reports')
  const values = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]))
  const parsed = policyInput.safeParse(values)
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error), values, message: 'Some fields need a correction.' }, { status: 400 })
  }
  await savePolicy(member, parsed.data, requestOrigin(request, context))
  return redirect(`/w/${params.slug}/security/settings`)
}

export default function SecuritySettings({ loaderData, actionData }: Route.ComponentProps) {
  const { base, paths, timeZone, privacySettings, placeholder } = loaderData
  const values: Record<string, string> = actionData?.values ?? loaderData.values
  const errors: Record<string, string> = actionData?.errors ?? {}
  const link = 'text-brand-700 underline'
  return (
    <>
      <p className="text-sm">
        <Link to={base} className={link}>
          ← Security reports
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Disclosure settings</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        What your <a href={paths.policy} className={link}>public disclosure policy</a> and{' '}
        <a href={paths.securityTxt} className={link}>security.txt</a> promise researchers. A change applies to reports
        received from now on; earlier reports keep the deadlines they were given.
      </p>
      <FormAlert message={actionData?.message} />
      <Form method="post" className="mt-6 grid max-w-2xl gap-6" noValidate>
        <SelectField
          label="Acknowledge every report"
          name="acknowledgementTarget"
          options={optionsOf(ACKNOWLEDGEMENT_TARGETS)}
          value={values.acknowledgementTarget}
          error={errors.acknowledgementTarget}
          hint={`Working days are counted in ${timeZone}, without weekends and the holidays set under Privacy settings.`}
        />
        <p className="-mt-4 text-sm">
          <Link to={privacySettings} className={link}>
            Time zone and holidays
          </Link>
        </p>
        <Field
          label="Days until the reporter may disclose"
          name="disclosureDeadlineDays"
          inputMode="numeric"
          hint={`Counted from receipt, fixed or not (${MIN_DISCLOSURE_DAYS} to ${MAX_DISCLOSURE_DAYS}; 90 is the common practice).`}
          value={values.disclosureDeadlineDays}
          error={errors.disclosureDeadlineDays}
        />
        <Field
          label="Security contact e-mail (optional)"
          name="securityContactEmail"
          type="email"
          hint="Listed first in security.txt and on the policy, and told of every new report. Without one, the report form is the contact."
          value={values.securityContactEmail}
          error={errors.securityContactEmail}
        />
        <Field
          label="Preferred languages"
          name="preferredLanguages"
          hint='Language tags, separated by commas: "en, de".'
          value={values.preferredLanguages}
          error={errors.preferredLanguages}
        />
        <Field
          label="Policy (Markdown or plain text)"
          name="policy"
          multiline
          hint="Scope, what to include, what not to test. Leave empty for Candor’s standard text. The commitments above and the safe-harbour paragraph are always shown under it; links work only with https: or mailto: addresses."
          value={values.policy}
          error={errors.policy}
        />
        <details className="text-sm text-slate-600">
          <summary className="cursor-pointer">The standard text</summary>
          <pre className="mt-2 whitespace-pre-wrap">{placeholder}</pre>
        </details>
        <div>
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Save
          </button>
        </div>
      </Form>
    </>
  )
}
