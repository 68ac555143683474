// /w/:slug/security — the vulnerability inbox, for owners and admins: every report researchers
// filed on the public form, the next deadline first, each with its acknowledgement and
// disclosure timers (overdue, due soon). Narrowed by state with a plain GET form.
import { Form, Link, data } from 'react-router'
import { SelectField } from '~/components/field'
import { TimerLabel } from '~/components/timer-label'
import { WideTable } from '~/components/wide-table'
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { INBOX_LIMIT, inboxQuery, reportInbox } from '~/modules/disclosure/inbox.server'
import { REPORT_STATES, SEVERITY_LABELS, type Severity } from '~/modules/disclosure/report-form'
import { disclosurePaths } from '~/modules/disclosure/security-txt'
import type { Route } from './+types/security-reports'

export const meta: Route.MetaFunction = () => [{ title: 'Security reports — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'security.reports')
  const search = new URL(request.url).searchParams
  const query = inboxQuery.safeParse({ state: search.get('state') ?? undefined })
  const inbox = query.success ? await withTenant(member.tenant, (tx) => reportInbox(tx, query.data.state)) : null
  const result = {
    base: `/w/${member.workspace.slug}/security`,
    policyPath: disclosurePaths(member.workspace.slug).policy,
    state: search.get('state') ?? '',
    error: query.success ? null : (query.error.issues[0]?.message ?? 'Choose a state from the list.'),
    rows: (inbox?.rows ?? []).map(({ nextDue: _, ...row }) => ({
      ...row,
      severity: SEVERITY_LABELS[row.severity as Severity] ?? row.severity,
      stateLabel: REPORT_STATES[row.state],
    })),
    total: inbox?.total ?? 0,
    limit: INBOX_LIMIT,
  }
  return query.success ? result : data(result, { status: 400 })
}

export default function SecurityReports({ loaderData }: Route.ComponentProps) {
  const { base, policyPath, state, error, rows, total, limit } = loaderData
  const link = 'text-brand-700 underline'
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Security reports</h1>
        <p className="flex gap-4 text-sm">
          <a href={policyPath} className={link}>
            Public policy and form
          </a>
          <Link to={`${base}/settings`} className={link}>
            Disclosure settings
          </Link>
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Vulnerability reports filed on your public disclosure form, the next deadline first.
      </p>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-4">
        <div className="w-64">
          <SelectField label="State" name="state" value={state} error={error ?? undefined}>
            <option value="">Open (not disclosed or rejected)</option>
            <option value="all">Every state</option>
            {Object.entries(REPORT_STATES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Filter
        </button>
      </Form>

      {error ? null : rows.length === 0 ? (
        <p className="mt-8 text-slate-600">No reports match.</p>
      ) : (
        <>
          <p className="mt-6 text-sm text-slate-600" role="status">
            {total === 1 ? '1 report' : `${total.toLocaleString('en')} reports`}
            {total > rows.length ? ` — showing the newest ${limit}` : ''}
          </p>
          <WideTable label="Security reports" className="mt-2">
            <table className="w-full border-collapse text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Reference</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Affected</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Severity (reporter)</th>
                  <th scope="col" className="py-2 pr-4 font-medium">State</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Received</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Acknowledgement</th>
                  <th scope="col" className="py-2 font-medium">Disclosure</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4 font-mono">
                      <Link to={`${base}/${row.id}`} className={link}>
                        {row.reference}
                      </Link>
                    </td>
                    <td className="max-w-xs py-2 pr-4 break-words">{row.affectedSurface}</td>
                    <td className="py-2 pr-4">{row.severity}</td>
                    <td className="py-2 pr-4">{row.stateLabel}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{row.received}</td>
                    <td className="py-2 pr-4">
                      <TimerLabel badge={row.acknowledgement} />
                    </td>
                    <td className="py-2">
                      <TimerLabel badge={row.disclosure} />
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
