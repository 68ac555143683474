// /w/:slug — the workspace's overview.
import { requireMember } from '~/modules/auth/member.server'
import type { Role } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import type { Route } from './+types/overview'

export const meta: Route.MetaFunction = () => [{ title: 'Overview — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const [members, invitations] = await withTenant(member.tenant, (tx) =>
    Promise.all([
      tx.membership.count(),
      tx.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    ]),
  )
  return { workspace: member.workspace, role: member.role, members, invitations }
}

const ROLE_WITH_ARTICLE: Record<Role, string> = { owner: 'an owner', admin: 'an admin', agent: 'an agent', viewer: 'a viewer' }

export default function Overview({ loaderData }: Route.ComponentProps) {
  const { workspace, role, members, invitations } = loaderData
  return (
    <>
      <h1 className="text-2xl font-semibold">{workspace.name}</h1>
      <p className="mt-2 text-slate-600">You are {ROLE_WITH_ARTICLE[role]} of this workspace.</p>
      <dl className="mt-8 grid max-w-md grid-cols-2 gap-4">
        <div className="rounded border border-slate-200 p-4">
          <dt className="text-sm text-slate-500">Members</dt>
          <dd className="text-2xl font-semibold">{members}</dd>
        </div>
        <div className="rounded border border-slate-200 p-4">
          <dt className="text-sm text-slate-500">Open invitations</dt>
          <dd className="text-2xl font-semibold">{invitations}</dd>
        </div>
      </dl>
      <p className="mt-6">
        <a href={`/w/${workspace.slug}/members`} className="text-brand-700 underline">
          See the members
        </a>
      </p>
    </>
  )
}
