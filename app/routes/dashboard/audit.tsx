// /w/:slug/audit — the workspace's audit log for owners, admins and viewers (often auditors),
// in words: who did what to which object (linked to its page), the change as before/after
// fields, full ids and the raw record on demand. Newest first, 50 a page (keyset: "Older
// entries" asks for those before the last one shown), filters in a GET form, and a badge saying
// how far the hash chain is verified (decision 020) with a button that asks for a full walk (a
// job). Owners and admins download the same selection as CSV (audit.csv), raw.
import { Link, data, redirect } from 'react-router'
import { AuditEntries } from '~/components/audit/audit-entries'
import { AuditFilters } from '~/components/audit/audit-filters'
import { ChainBadgeSection } from '~/components/audit/chain-badge-section'
import { FormAlert } from '~/components/auth-card'
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { auditLogView } from '~/modules/audit/audit-log-view.server'
import { requestFullVerification } from '~/modules/audit/full-verification.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/audit'

export const meta: Route.MetaFunction = () => [{ title: 'Audit log — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'audit.view')
  const view = await auditLogView(member, new URL(request.url).searchParams)
  return view.ok ? view : data(view, { status: 400 })
}

/** A member asks for a walk of the whole chain; the audit.verify job runs it. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'audit.view')
  const scope = { ...member.tenant, origin: requestOrigin(request, context) }
  await withTenant(member.tenant, (tx) => requestFullVerification(tx, scope, member.user.id))
  return redirect(`/w/${member.workspace.slug}/audit`)
}

const link = 'text-brand-700 underline'

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { chain, values, errors, choices, entries, filtered, links } = loaderData
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        {links.csv ? (
          <a href={links.csv} className={link}>
            Download CSV
          </a>
        ) : null}
      </div>
      <p className="mt-2 max-w-3xl text-slate-600">
        Who did what in this workspace, and when. Candor only ever adds entries here, each chained to the one before it,
        so an entry changed afterwards shows as a break in the chain.
      </p>
      <ChainBadgeSection chain={chain} />
      <AuditFilters values={values} errors={errors} choices={choices} filtered={filtered} clear={links.clear} />
      <FormAlert message={errors?.before} />

      {errors ? null : entries.length === 0 ? (
        <p className="mt-8 text-slate-600">{filtered ? 'No entries match these filters.' : 'No entries yet.'}</p>
      ) : (
        <AuditEntries entries={entries} />
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
