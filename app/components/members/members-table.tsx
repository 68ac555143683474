// The members of a workspace as a table (stacked cards on a phone): name, e-mail, role, whether
// two-factor authentication is on, and the changes the viewer may make to each other member.
import { Form } from 'react-router'
import { WideTable } from '~/components/wide-table'
import type { Role } from '~/modules/auth/permissions'

export const smallButton = 'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50'
const CELL = 'py-2.5 pr-4 max-md:px-4'

type Row = {
  id: string
  role: Role
  userId: string
  user: { name: string | null; email: string }
  twoFactorOn: boolean
}

export function MembersTable(props: {
  label: string
  members: Row[]
  may: { changeRole: boolean; transfer: boolean; remove: boolean }
  selfId: string
}) {
  const { label, members, may, selfId } = props
  return (
    <WideTable label={label} className="mt-6">
      <table className="stack-table w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">
              Name
            </th>
            <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">
              E-mail
            </th>
            <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">
              Role
            </th>
            <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">
              Two-factor
            </th>
            <th scope="col" className="py-2 pr-4 font-medium whitespace-nowrap">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row" className={`${CELL} font-medium`}>
                {m.user.name}
              </th>
              <td data-label="E-mail" className={`${CELL} break-all md:break-normal`}>
                {m.user.email}
              </td>
              <td data-label="Role" className={CELL}>
                {m.role}
              </td>
              <td data-label="Two-factor" className={CELL}>
                <span className={`badge ${m.twoFactorOn ? 'badge-good' : 'badge-warn'}`}>{m.twoFactorOn ? 'On' : 'Off'}</span>
              </td>
              <td data-label="Actions" className={CELL}>
                {m.userId === selfId ? (
                  <span className="text-slate-500">you</span>
                ) : (
                  <div className="flex flex-wrap items-center gap-2">
                    {may.changeRole ? (
                      <Form method="post" className="flex items-center gap-1">
                        <input type="hidden" name="membershipId" value={m.id} />
                        <label className="sr-only" htmlFor={`role-${m.id}`}>
                          New role for {m.user.email}
                        </label>
                        <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="rounded border border-slate-300 px-1 py-1">
                          {['owner', 'admin', 'agent', 'viewer'].map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                        <button
                          type="submit"
                          name="intent"
                          value="change_role"
                          className={smallButton}
                          aria-label={`Change role of ${m.user.email}`}
                        >
                          Change role
                        </button>
                      </Form>
                    ) : null}
                    {may.transfer && m.role !== 'owner' ? (
                      <Form method="post">
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="transfer"
                          className={smallButton}
                          aria-label={`Transfer ownership to ${m.user.email}`}
                        >
                          Transfer ownership
                        </button>
                      </Form>
                    ) : null}
                    {may.remove ? (
                      <Form method="post">
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="remove"
                          className={`${smallButton} text-red-800`}
                          aria-label={`Remove ${m.user.email}`}
                        >
                          Remove
                        </button>
                      </Form>
                    ) : null}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  )
}
