// /w/:slug/audit — the workspace's audit log for owners, admins and viewers (often auditors):
// newest entries first, 50 a page (keyset: "Older entries" asks for those before the last one
// shown), filters in a GET form, and a badge saying how far the hash chain is verified: on
// every load from the last verified checkpoint (decision 020), with the last full verification
// beside it and a button that asks for one (a job). Owners and admins can download the same
// selection as CSV (audit.csv).
import { Form, Link, data, redirect } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { Field } from '~/components/field'
import { WideTable } from '~/components/wide-table'
import { requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { type ActorType, filtersSearch, parseAuditPageQuery } from '~/modules/audit/filters'
import { chainBadge } from '~/modules/audit/chain-badge'
import { requestFullVerification } from '~/modules/audit/full-verification.server'
import { auditPage } from '~/modules/audit/list.server'
import { chainStatusInTransaction } from '~/modules/audit/verify-in-transaction.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/audit'

export const meta: Route.MetaFunction = () => [{ title: 'Audit log — Candor' }]

/**
 * A page load verifies at most this many entries past the checkpoint (well under a second), so
 * it answers within its transaction however far the hourly checkpoint has fallen behind.
 */
const NEW_ENTRIES_VERIFIED_ON_LOAD = 20_000

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'audit.view')
  const search = new URL(request.url).searchParams
  const query = parseAuditPageQuery(search)
  const { chain, page } = await withTenant(member.tenant, async (tx) => ({
    chain: await chainStatusInTransaction(tx, member.workspace.id, { limit: NEW_ENTRIES_VERIFIED_ON_LOAD }),
    page: query.success ? await auditPage(tx, member.workspace.id, query.data.filters, query.data.before) : null,
  }))
  const base = `/w/${member.workspace.slug}`
  const filters = query.success ? query.data.filters : {}
  const result = {
    chain: chainBadge(chain),
    values: {
      action: search.get('action') ?? '',
      actor: search.get('actor') ?? '',
      from: search.get('from') ?? '',
      to: search.get('to') ?? '',
    },
    errors: query.success ? null : query.errors,
    rows: (page?.rows ?? []).map(({ seq, time, actor, action, targetType, targetId, ip, changes }) => ({
      seq,
      time: `${time.slice(0, 10)} ${time.slice(11, 19)}`,
      actor,
      action,
      target: targetType ? `${targetType} ${targetId ?? ''}`.trim() : null,
      ip,
      changes,
    })),
    links: {
      clear: `${base}/audit`,
      csv: query.success && can(member.role, 'audit.export') ? `${base}/audit.csv${filtersSearch(filters)}` : null,
      newest: query.success && query.data.before !== undefined ? `${base}/audit${filtersSearch(filters)}` : null,
      older: page?.olderBefore ? `${base}/audit${filtersSearch(filters, { before: page.olderBefore })}` : null,
    },
  }
  return query.success ? result : data(result, { status: 400 })
}

const ACTOR_CHOICES = {
  user: 'A person',
  operator: 'A Candor operator',
  api_key: 'An API key',
  system: 'Candor itself',
  subject: 'A data subject',
} satisfies Record<ActorType, string>

/** A member asks for a walk of the whole chain; the audit.verify job runs it. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'audit.view')
  const scope = { ...member.tenant, origin: requestOrigin(request, context) }
  await withTenant(member.tenant, (tx) => requestFullVerification(tx, scope, member.user.id))
  return redirect(`/w/${member.workspace.slug}/audit`)
}

const BADGE_TONES = {
  intact: 'border-green-300 bg-green-50 text-green-900',
  partly: 'border-amber-300 bg-amber-50 text-amber-900',
  broken: 'border-red-300 bg-red-50 text-red-900',
} as const

function ChainBadge({ chain }: { chain: Route.ComponentProps['loaderData']['chain'] }) {
  return (
    <section aria-label="Hash chain" className="mt-4 max-w-4xl text-sm">
      <p
        role={chain.tone === 'broken' ? 'alert' : 'status'}
        className={`inline-block rounded border px-3 py-1 ${BADGE_TONES[chain.tone]}`}
      >
        {chain.headline}
      </p>
      {chain.coverage.map((line) => (
        <p key={line} className="mt-2 text-slate-700">
          {line}
        </p>
      ))}
      <p className="mt-2 text-slate-700">{chain.fullVerification}</p>
      {chain.pending ? <p className="mt-2 text-slate-700">{chain.pending}</p> : null}
      <Form method="post" className="mt-2">
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 font-medium hover:bg-slate-50">
          Verify the whole chain
        </button>
      </Form>
    </section>
  )
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { chain, values, errors, rows, links } = loaderData
  const link = 'text-brand-700 underline'
  return (
    <>
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        {links.csv ? (
          <a href={links.csv} className={link}>
            Download CSV
          </a>
        ) : null}
      </div>
      <ChainBadge chain={chain} />

      <Form method="get" className="mt-6 grid max-w-4xl grid-cols-1 items-end gap-4 sm:grid-cols-5">
        <div className="sm:col-span-2">
          <Field
            label="Action"
            name="action"
            value={values.action}
            error={errors?.action}
            hint="member.invite, or member. for every member action"
          />
        </div>
        <div>
          <label htmlFor="actor" className="block text-sm font-medium">
            Who acted
          </label>
          <select
            id="actor"
            name="actor"
            defaultValue={values.actor}
            aria-invalid={errors?.actor ? true : undefined}
            aria-describedby={errors?.actor ? 'actor-error' : undefined}
            className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
          >
            <option value="">Anyone</option>
            {Object.entries(ACTOR_CHOICES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {errors?.actor ? (
            <p id="actor-error" className="mt-1 text-sm text-red-700">
              {errors.actor}
            </p>
          ) : null}
        </div>
        <Field label="From (UTC)" name="from" type="date" value={values.from} error={errors?.from} />
        <Field label="To (UTC)" name="to" type="date" value={values.to} error={errors?.to} />
        <div className="flex items-center gap-4 sm:col-span-5">
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          <Link to={links.clear} className={link}>
            Clear filters
          </Link>
        </div>
      </Form>
      <FormAlert message={errors?.before} />

      {errors ? null : rows.length === 0 ? (
        <p className="mt-8 text-slate-600">No entries match these filters.</p>
      ) : (
        <WideTable label="Audit log entries" className="mt-8">
          <table className="w-full border-collapse text-left text-sm">
            <thead className="border-b border-slate-300 text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">#</th>
                <th className="py-2 pr-4 font-medium">Time (UTC)</th>
                <th className="py-2 pr-4 font-medium">Actor</th>
                <th className="py-2 pr-4 font-medium">Action</th>
                <th className="py-2 pr-4 font-medium">Target</th>
                <th className="py-2 pr-4 font-medium">IP</th>
                <th className="py-2 font-medium">Changes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.seq} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-4 text-slate-500">{row.seq}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{row.time}</td>
                  <td className="py-2 pr-4 break-all">{row.actor}</td>
                  <td className="py-2 pr-4 font-mono">{row.action}</td>
                  <td className="py-2 pr-4 break-all">{row.target ?? '—'}</td>
                  <td className="py-2 pr-4">{row.ip ?? '—'}</td>
                  <td className="py-2">
                    {row.changes.length > 0 ? (
                      <ul>
                        {row.changes.map((change) => (
                          <li key={change} className="break-all">
                            {change}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
      )}

      {links.newest || links.older ? (
        <nav aria-label="Pages" className="mt-6 flex gap-6">
          {links.newest ? (
            <Link to={links.newest} className={link}>
              Newest entries
            </Link>
          ) : null}
          {links.older ? (
            <Link to={links.older} className={link}>
              Older entries
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}
