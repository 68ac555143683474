// /w/:slug — the workspace's overview: who is in it.
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import type { Route } from './+types/overview'

export const meta: Route.MetaFunction = () => [{ title: 'Overview — Candor' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const member = await requireMember(request, params.slug, 'members.view')
  const members = await withTenant(member.tenant, (tx) =>
    tx.membership.findMany({
      select: { id: true, role: true, user: { select: { name: true, email: true } } },
      orderBy: { createdAt: 'asc' },
    }),
  )
  return { workspace: member.workspace, members }
}

export default function Overview({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1 className="text-2xl font-semibold">{loaderData.workspace.name}</h1>
      <section aria-labelledby="members" className="mt-8">
        <h2 id="members" className="text-lg font-semibold">
          Members ({loaderData.members.length})
        </h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 font-medium">Name</th>
              <th scope="col" className="py-2 font-medium">E-mail</th>
              <th scope="col" className="py-2 font-medium">Role</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {loaderData.members.map((m) => (
              <tr key={m.id}>
                <td className="py-2">{m.user.name}</td>
                <td className="py-2">{m.user.email}</td>
                <td className="py-2">{m.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
