// /w/:slug/incidents — the incident register: the workspace's own breaches, the newest
// awareness first, each with its 72-hour clock as it stands now. Narrowed to open or closed ones
// with a plain GET form; owners and admins record incidents and export the register.
import { Form, Link, data } from 'react-router'
import { SelectField } from '~/components/field'
import { TimerLabel } from '~/components/timer-label'
import { WideTable } from '~/components/wide-table'
import { requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { incidentsPath } from '~/modules/incidents/paths'
import { LIST_LIMIT, listQuery } from '~/modules/incidents/register.server'
import { incidentListView } from '~/modules/incidents/view.server'
import type { Route } from './+types/incidents'

export const meta: Route.MetaFunction = () => [{ title: 'Incidents — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'incidents.view')
  const search = new URL(request.url).searchParams
  const query = listQuery.safeParse({ status: search.get('status') || undefined })
  const list = query.success ? await withTenant(member.tenant, (tx) => incidentListView(tx, query.data.status, new Date())) : null
  const result = {
    base: incidentsPath(member.workspace.slug),
    may: { manage: can(member.role, 'incidents.manage') && !member.impersonation },
    status: query.success ? query.data.status : (search.get('status') ?? ''),
    error: query.success ? null : (query.error.issues[0]?.message ?? 'Choose open, closed or every incident.'),
    rows: list?.rows ?? [],
    total: list?.total ?? 0,
    limit: LIST_LIMIT,
  }
  return query.success ? result : data(result, { status: 400 })
}

const link = 'text-brand-700 underline'

export default function Incidents({ loaderData }: Route.ComponentProps) {
  const { base, may, status, error, rows, total, limit } = loaderData
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Incidents</h1>
        <p className="flex flex-wrap items-baseline gap-4 text-sm">
          {may.manage ? (
            <a href={`${base}.csv`} className={link}>
              Export the register (CSV)
            </a>
          ) : null}
          {may.manage ? (
            <Link to={`${base}/new`} className="rounded bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700">
              Record an incident
            </Link>
          ) : null}
        </p>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Personal-data breaches of this workspace, reportable or not (GDPR Art. 33(5)). The supervisory authority must be notified
        without undue delay and, where feasible, within 72 hours of awareness, unless the breach is unlikely to result in a risk to
        people’s rights and freedoms; a later notification gives the reasons for the delay (Art. 33(1)). Each clock below is as of
        the moment this page was loaded. Times in UTC.
      </p>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-4">
        <div className="w-64">
          <SelectField label="Show" name="status" value={status} error={error ?? undefined}>
            <option value="open">Open incidents</option>
            <option value="closed">Closed incidents</option>
            <option value="all">Every incident</option>
          </SelectField>
        </div>
        <button type="submit" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50">
          Filter
        </button>
      </Form>

      {error ? null : rows.length === 0 ? (
        <p className="mt-8 text-slate-600">{status === 'open' ? 'No open incidents.' : 'No incidents match.'}</p>
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-600" role="status">
            {total === 1 ? '1 incident' : `${total.toLocaleString('en')} incidents`}
            {total > rows.length ? ` — showing the ${limit} most recent` : ''}
          </p>
          <WideTable label="Incidents" className="mt-2">
            <table className="w-full border-collapse text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Reference</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Title</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Severity</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Aware since</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Owner</th>
                  <th scope="col" className="py-2 font-medium">72-hour clock</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4 font-mono whitespace-nowrap">
                      <Link to={`${base}/${row.id}`} className={link}>
                        {row.reference}
                      </Link>
                      {row.closed ? <span className="ml-2 rounded bg-slate-100 px-1.5 font-sans text-xs text-slate-600">closed</span> : null}
                    </td>
                    <td className="max-w-xs py-2 pr-4 break-words">{row.title}</td>
                    <td className="py-2 pr-4">{row.severity}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{row.aware}</td>
                    <td className="max-w-[14rem] py-2 pr-4 break-words">{row.owner}</td>
                    <td className="py-2">
                      <TimerLabel badge={row.clock} testId={`clock-${row.reference}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        </>
      )}
    </>
  )
}
