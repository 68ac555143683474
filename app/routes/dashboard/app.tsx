// /app: where sign-in lands. Open invitations come first; a new person with none goes to
// onboarding; a member of one workspace goes straight to it; a member of several chooses.
import { redirect } from 'react-router'
import { AccountBar } from '~/components/account-bar'
import { requireUser } from '~/modules/auth/current-user.server'
import { listMemberships } from '~/modules/auth/member.server'
import { openInvitationsFor } from '~/modules/tenancy/invitations.server'
import type { Route } from './+types/app'

export const meta: Route.MetaFunction = () => [{ title: 'Your workspaces — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const [memberships, invitations] = await Promise.all([listMemberships(user.id), openInvitationsFor(user.id)])
  if (invitations.length === 0) {
    if (!user.name || memberships.length === 0) throw redirect('/onboarding')
    if (memberships.length === 1) throw redirect(`/w/${memberships[0]!.workspace.slug}`)
  }
  return { user, memberships, invitations }
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { memberships, invitations } = loaderData
  return (
    <>
      <AccountBar email={loaderData.user.email} />
      <main className="mx-auto max-w-2xl px-6 py-12">
        {invitations.length > 0 ? (
          <section aria-labelledby="invited" className="mb-10">
            <h1 id="invited" className="text-2xl font-semibold">
              You are invited
            </h1>
            <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200">
              {invitations.map((invitation) => (
                <li key={invitation.id}>
                  <a href={`/invitations/${invitation.id}`} className="flex justify-between px-4 py-3 hover:bg-slate-50">
                    <span className="font-medium">{invitation.workspace.name}</span>
                    <span className="text-sm text-slate-500">as {invitation.role}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {memberships.length > 0 ? (
          <>
            <h2 className="text-2xl font-semibold">Your workspaces</h2>
            <ul className="mt-6 divide-y divide-slate-200 rounded border border-slate-200">
              {memberships.map(({ workspace, role }) => (
                <li key={workspace.id}>
                  <a href={`/w/${workspace.slug}`} className="flex justify-between px-4 py-3 hover:bg-slate-50">
                    <span className="font-medium">{workspace.name}</span>
                    <span className="text-sm text-slate-500">{role}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="mt-6">
          <a href="/onboarding" className="text-brand-700 underline">
            Create a workspace
          </a>
        </p>
      </main>
    </>
  )
}
