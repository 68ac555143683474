// /w/:slug/privacy — how the workspace answers privacy requests, for owners and admins: how
// deadlines are counted, the privacy profile every access answer quotes (with Candor's outline to
// start from: ?outline=blank or ?outline=all, shown unsaved), the data systems a request fans
// out to, and reply templates; sub-processors are listed here but change on their own page
// (/w/:slug/subprocessors). Each form is an `intent` of the one action (privacy-settings-actions).
import { data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { AutoReleaseSection } from '~/components/auto-release-section'
import { DeadlinesSection } from '~/components/privacy-settings/deadlines-section'
import { formState } from '~/components/privacy-settings/form-state'
import { ProfileSection } from '~/components/privacy-settings/profile-section'
import { SubprocessorsSection } from '~/components/privacy-settings/subprocessors-section'
import { SystemsSection } from '~/components/privacy-settings/systems-section'
import { TemplatesSection } from '~/components/privacy-settings/templates-section'
import { ReminderDaysSection } from '~/components/reminder-days-section'
import { SetupWarning } from '~/components/setup-warning'
import { requireMember } from '~/modules/auth/member.server'
import { runPrivacySettingsForm } from '~/modules/dsar/privacy-settings-actions.server'
import { parsePrivacySettingsQuery, privacySettingsPage } from '~/modules/dsar/privacy-settings-page.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/privacy-settings'

export const meta: Route.MetaFunction = () => [{ title: 'Privacy settings — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const query = parsePrivacySettingsQuery(new URL(request.url).searchParams)
  const page = await privacySettingsPage(member, query)
  return query.error ? data(page, { status: 400 }) : page
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'privacy.manage')
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const outcome = await runPrivacySettingsForm(member, values, requestOrigin(request, context))
  if (outcome.done) return redirect(`/w/${params.slug}/privacy#${outcome.section}`)
  const { status, ...refusal } = outcome
  return data(refusal, { status })
}

export default function PrivacySettings({ loaderData, actionData }: Route.ComponentProps) {
  const form = formState(actionData)
  return (
    <>
      <h1 className="text-2xl font-semibold">Privacy settings</h1>
      <SetupWarning steps={loaderData.setup} mayFix className="mt-4 max-w-3xl" />
      <FormAlert message={actionData?.error ?? loaderData.queryError ?? undefined} />
      <DeadlinesSection {...loaderData} form={form} />
      <ReminderDaysSection value={form.shown('reminders', 'reminderDays', loaderData.reminderDays) ?? ''} error={form.errorOf('reminders', 'reminderDays')} />
      <ProfileSection {...loaderData} form={form} />
      <SystemsSection {...loaderData} form={form} />
      <AutoReleaseSection types={loaderData.autoRelease} ownSystems={loaderData.ownSystems} />
      <TemplatesSection {...loaderData} form={form} />
      <SubprocessorsSection {...loaderData} />
    </>
  )
}
