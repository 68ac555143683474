// /account/notifications — which e-mails about work the person gets from each workspace they
// belong to, and their time zone. Each form is an `intent` of the one action; the answer says
// exactly what was saved, or why nothing was.
import { data } from 'react-router'
import { z } from 'zod'
import { AccountBar } from '~/components/account-bar'
import { SaveNoticeLine, TimeZoneSection, WorkspaceKindsSection } from '~/components/notification-preferences'
import { requireUser } from '~/modules/auth/current-user.server'
import { timeZones } from '~/modules/dsar/privacy-settings.server'
import { readForm } from '~/modules/http/form.server'
import {
  kindChoicesInput,
  loadPreferences,
  saveKindChoices,
  saveTimeZone,
  savedMessage,
  timeZoneInput,
} from '~/modules/notifications/preferences.server'
import type { Route } from './+types/notifications'

export const meta: Route.MetaFunction = () => [{ title: 'E-mail notifications — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  return { email: user.email, ...(await loadPreferences(user.id)), timeZones: timeZones() }
}

const intentForm = z.object({ intent: z.enum(['kinds', 'time_zone'], 'Choose what to save.') })

/** `section`: the form the answer belongs to ('time-zone' or a workspace's id), shown beside it. */
type Answer = { section?: string; saved?: string; error?: string; timeZoneError?: string; sentTimeZone?: string }

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request)
  const form = await readForm(request)
  const chosen = intentForm.safeParse({ intent: form.get('intent') })
  if (!chosen.success) return data<Answer>({ error: 'Choose what to save.' }, { status: 400 })
  if (chosen.data.intent === 'time_zone') {
    const sent = String(form.get('timeZone') ?? '')
    const parsed = timeZoneInput.safeParse({ timeZone: sent })
    if (!parsed.success) {
      return data<Answer>(
        { section: 'time-zone', error: 'Your time zone was not saved.', timeZoneError: parsed.error.issues[0]!.message, sentTimeZone: sent.slice(0, 64) },
        { status: 400 },
      )
    }
    await saveTimeZone(user.id, parsed.data.timeZone)
    return data<Answer>({ section: 'time-zone', saved: `Saved: your time zone is ${parsed.data.timeZone ?? 'each workspace’s own time zone'}.` })
  }
  const section = String(form.get('workspaceId') ?? '').slice(0, 36)
  const parsed = kindChoicesInput.safeParse({
    workspaceId: form.get('workspaceId'),
    shown: form.getAll('shown'),
    on: form.getAll('on'),
  })
  if (!parsed.success) return data<Answer>({ section, error: `Nothing was saved. ${parsed.error.issues[0]!.message}` }, { status: 400 })
  const result = await saveKindChoices(user.id, parsed.data)
  if (result.outcome === 'refused') return data<Answer>({ section, error: `Nothing was saved. ${result.message}` }, { status: 400 })
  return data<Answer>({ section, saved: savedMessage(result) })
}

export default function Notifications({ loaderData, actionData }: Route.ComponentProps) {
  const { workspaces } = loaderData
  const noticeFor = (section: string) => (actionData?.section === section ? actionData : undefined)
  // An answer for no form on the page (no intent, or a workspace the person is not in) shows on top.
  const elsewhere = actionData && !['time-zone', ...workspaces.map((w) => w.id)].includes(actionData.section ?? '') ? actionData : undefined
  return (
    <>
      <AccountBar email={loaderData.email} />
      <main className="mx-auto max-w-3xl px-6 py-10">
        <h1 className="text-2xl font-semibold">E-mail notifications</h1>
        <p className="mt-2 text-slate-700">
          Choose which e-mails about work Candor sends you from each workspace. Your role in a workspace decides which e-mails
          you can get there.
        </p>
        <SaveNoticeLine notice={elsewhere} />
        <TimeZoneSection
          timeZone={loaderData.timeZone}
          timeZones={loaderData.timeZones}
          workspaces={workspaces}
          notice={noticeFor('time-zone')}
          error={actionData?.timeZoneError}
          sent={actionData?.sentTimeZone}
        />
        {workspaces.length === 0 ? (
          <p className="mt-10 text-slate-700">You are not a member of any workspace, so Candor sends you no e-mails about work.</p>
        ) : (
          workspaces.map((workspace) => <WorkspaceKindsSection key={workspace.id} workspace={workspace} notice={noticeFor(workspace.id)} />)
        )}
      </main>
    </>
  )
}
