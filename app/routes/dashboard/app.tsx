// /app: where sign-in lands. A new person goes to onboarding; a member of one workspace goes
// straight to it; a member of several chooses.
import { redirect } from 'react-router'
import { requireUser } from '~/modules/auth/current-user.server'
import { listMemberships } from '~/modules/auth/member.server'
import { AccountBar } from '~/components/account-bar'
import type { Route } from './+types/app'

export const meta: Route.MetaFunction = () => [{ title: 'Your workspaces — Candor' }]

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request)
  const memberships = await listMemberships(user.id)
  if (!user.name || memberships.length === 0) throw redirect('/onboarding')
  if (memberships.length === 1) throw redirect(`/w/${memberships[0]!.workspace.slug}`)
  return { user, memberships }
}

export default function App({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <AccountBar email={loaderData.user.email} />
      <main className="mx-auto max-w-2xl px-6 py-12">
        <h1 className="text-2xl font-semibold">Your workspaces</h1>
        <ul className="mt-6 divide-y divide-slate-200 rounded border border-slate-200">
          {loaderData.memberships.map(({ workspace, role }) => (
            <li key={workspace.id}>
              <a href={`/w/${workspace.slug}`} className="flex justify-between px-4 py-3 hover:bg-slate-50">
                <span className="font-medium">{workspace.name}</span>
                <span className="text-sm text-slate-500">{role}</span>
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-6">
          <a href="/onboarding" className="text-brand-700 underline">
            Create another workspace
          </a>
        </p>
      </main>
    </>
  )
}
