// /w/:slug/requests — the support inbox: every received privacy request, soonest deadline
// first with the days left, 50 a page, narrowed by a plain GET form (search by reference,
// e-mail or name; state, type, assignee, due within N days, overdue only, with unread replies), all of it in the
// address so a view can be shared. A bad value answers 400 with the filter's message. Members
// who work requests tick rows and assign them together (dsar/desk/bulk-assign.server.ts) or
// close them as duplicates of another request (dsar/desk/close-duplicates.server.ts).
import { Form, Link, data } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { SelectField } from '~/components/field'
import { SetupWarning } from '~/components/setup-warning'
import { NewReplyBadge, UnreadRepliesFilter } from '~/components/unread-replies'
import { WideTable } from '~/components/wide-table'
import { BULK_FORM_ID, BulkAssignBar } from '~/components/request/bulk-assign-bar'
import { requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { bulkAssign, bulkAssignForm } from '~/modules/dsar/desk/bulk-assign.server'
import { closeDuplicates, closeDuplicatesForm } from '~/modules/dsar/desk/close-duplicates.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { withTenant } from '~/modules/db/tenant.server'
import {
  type DeadlineBadge,
  INBOX_PAGE_SIZE,
  RECEIVED_STATES,
  inboxPage,
  inboxSearch,
  parseInboxQuery,
  requestWorkers,
} from '~/modules/dsar/inbox.server'
import type { DaysLeft } from '~/modules/dsar/days-left'
import { REQUEST_STATES, REQUEST_TYPES } from '~/modules/dsar/request-kinds'
import type { Route } from './+types/requests'

export const meta: Route.MetaFunction = () => [{ title: 'Requests — Candor' }]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'requests.view')
  const search = new URL(request.url).searchParams
  const query = parseInboxQuery(search)
  const { workers, page, setup } = await withTenant(member.tenant, async (tx) => ({
    workers: await requestWorkers(tx),
    setup: await openSetupSteps(tx, member.workspace.slug),
    page: query.success ? await inboxPage(tx, query.data, { userId: member.user.id }) : null,
  }))
  const base = `/w/${member.workspace.slug}/requests`
  const at = query.success ? query.data : null
  const result = {
    base,
    mayWork: can(member.role, 'requests.work') && !member.impersonation,
    meId: member.user.id,
    setup: { steps: setup, mayFix: can(member.role, 'privacy.manage') },
    values: {
      state: search.get('state') ?? '',
      type: search.get('type') ?? '',
      assignee: search.get('assignee') ?? '',
      dueWithin: search.get('dueWithin') ?? '',
      overdue: search.get('overdue') === 'yes',
      unread: search.get('unread') === 'yes',
      q: search.get('q') ?? '',
    },
    errors: query.success ? null : query.errors,
    states: RECEIVED_STATES.map((state) => ({ value: state, label: REQUEST_STATES[state] })),
    workers: workers.map(({ userId, email }) => ({ userId, email })),
    rows: page?.rows ?? [],
    total: page?.total ?? 0,
    /** The position of the page's first row in the whole list. */
    first: ((at?.page ?? 1) - 1) * INBOX_PAGE_SIZE + 1,
    paged: (page?.total ?? 0) > INBOX_PAGE_SIZE,
    links: {
      previous: at && at.page > 1 ? `${base}${inboxSearch(at.filters, at.page - 1)}` : null,
      next: at && page?.hasNext ? `${base}${inboxSearch(at.filters, at.page + 1)}` : null,
    },
  }
  return query.success ? result : data(result, { status: 400 })
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'requests.work')
  const form = await readForm(request)
  if (form.get('intent') === 'close_duplicates') {
    const closing = closeDuplicatesForm.safeParse({ requestIds: form.getAll('requestIds'), duplicateOf: form.get('duplicateOf'), confirm: form.get('confirm') })
    if (!closing.success) return data({ done: null, refused: [], error: closing.error.issues[0]!.message }, { status: 400 })
    return { ...(await closeDuplicates(member, closing.data, requestOrigin(request, context))), error: null }
  }
  const parsed = bulkAssignForm.safeParse({ requestIds: form.getAll('requestIds'), assignTo: form.get('assignTo') })
  if (!parsed.success) return data({ done: null, refused: [], error: parsed.error.issues[0]!.message }, { status: 400 })
  return { ...(await bulkAssign(member, parsed.data, requestOrigin(request, context))), error: null }
}

const BADGE_STYLE: Record<DeadlineBadge['kind'], string> = {
  overdue: 'border-red-300 bg-red-50 text-red-900',
  due_soon: 'border-amber-300 bg-amber-50 text-amber-900',
  on_track: 'border-green-300 bg-green-50 text-green-900',
}

function DaysLeftLabel({ left }: { left: DaysLeft | null }) {
  if (!left) return null
  return (
    <span className={`mt-1 inline-block rounded border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${BADGE_STYLE[left.urgency]}`}>
      {left.label}
    </span>
  )
}

function DeadlineBadgeLabel({ badge }: { badge: DeadlineBadge | null }) {
  if (!badge) return null
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${BADGE_STYLE[badge.kind]}`}>
      {badge.label}
    </span>
  )
}

export default function Requests({ loaderData, actionData }: Route.ComponentProps) {
  const { base, values, errors, states, workers, rows, total, first, paged, links, mayWork, meId, setup } = loaderData
  const link = 'text-brand-700 underline'
  return (
    <>
      <h1 className="text-2xl font-semibold">Requests</h1>
      <p className="mt-1 text-sm text-slate-600">
        Privacy requests whose requester confirmed their e-mail, the soonest deadline first.
      </p>
      <SetupWarning steps={setup.steps} mayFix={setup.mayFix} />

      {/* Three filters a row at 1280 px, two on a tablet, one on a phone: a select never narrower than its longest label. */}
      <Form method="get" className="mt-6 grid grid-cols-1 items-end gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <div className="sm:col-span-2 xl:col-span-3">
          <label htmlFor="q" className="block text-sm font-medium">
            Search
          </label>
          <p id="q-hint" className="mt-1 text-sm text-slate-500">
            An exact reference (R-…), an exact e-mail address, or part of the requester’s name.
          </p>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={values.q}
            aria-describedby={errors?.q ? 'q-hint q-error' : 'q-hint'}
            aria-invalid={errors?.q ? true : undefined}
            className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 sm:max-w-xl"
          />
          {errors?.q ? (
            <p id="q-error" className="mt-1 text-sm text-red-700">
              {errors.q}
            </p>
          ) : null}
        </div>
        <SelectField label="State" name="state" value={values.state} error={errors?.state}>
          <option value="">Open (not closed)</option>
          <option value="all">Every state</option>
          {states.map((state) => (
            <option key={state.value} value={state.value}>
              {state.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Type" name="type" value={values.type} error={errors?.type}>
          <option value="">Every type</option>
          {Object.entries(REQUEST_TYPES).map(([type, { label }]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Assignee" name="assignee" value={values.assignee} error={errors?.assignee}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Nobody (unassigned)</option>
          {workers.map((worker) => (
            <option key={worker.userId} value={worker.userId}>
              {worker.email}
            </option>
          ))}
        </SelectField>
        <div>
          <label htmlFor="dueWithin" className="block text-sm font-medium">
            Due within (days)
          </label>
          <input
            id="dueWithin"
            name="dueWithin"
            type="number"
            min={1}
            inputMode="numeric"
            defaultValue={values.dueWithin}
            aria-invalid={errors?.dueWithin ? true : undefined}
            aria-describedby={errors?.dueWithin ? 'dueWithin-error' : undefined}
            className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
          />
          {errors?.dueWithin ? (
            <p id="dueWithin-error" className="mt-1 text-sm text-red-700">
              {errors.dueWithin}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end gap-x-6 gap-y-3 sm:col-span-2 xl:col-span-2">
          <div className="pb-2">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" name="overdue" value="yes" defaultChecked={values.overdue} />
              Overdue only
            </label>
            {errors?.overdue ? <p className="mt-1 text-sm text-red-700">{errors.overdue}</p> : null}
          </div>
          <UnreadRepliesFilter checked={values.unread} error={errors?.unread} />
          <div className="flex items-center gap-4">
            <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Filter
            </button>
            <Link to={base} className={link}>
              Clear
            </Link>
          </div>
        </div>
      </Form>
      <FormAlert message={errors?.page} />

      {errors ? (
        <p role="alert" className="mt-8 text-slate-700">
          The filters above need a correction before the requests can be listed.
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-8 text-slate-600">No requests match these filters.</p>
      ) : (
        <>
          {mayWork ? <BulkAssignBar workers={workers} meId={meId} /> : null}
          {actionData?.done ? (
            <p role="status" className="mt-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="bulk-outcome">
              {actionData.done}
            </p>
          ) : null}
          {actionData?.error || actionData?.refused.length ? (
            <div role="alert" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {actionData.error ? <p>{actionData.error}</p> : null}
              {actionData.refused.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </div>
          ) : null}
          <p className="mt-6 text-sm text-slate-600" role="status">
            {total === 1 ? '1 request' : `${total.toLocaleString('en')} requests`}
            {paged ? ` — showing ${first}–${first + rows.length - 1}` : ''}
          </p>
          <WideTable label="Privacy requests" className="mt-2">
            <table className="w-full border-collapse text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  {mayWork ? (
                    <th scope="col" className="py-2 pr-2 font-medium">
                      <span className="sr-only">Tick</span>
                    </th>
                  ) : null}
                  <th scope="col" className="py-2 pr-4 font-medium">Reference</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Type</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Requester</th>
                  <th scope="col" className="py-2 pr-4 font-medium">State</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Assignee</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Received</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Due</th>
                  <th scope="col" className="py-2 font-medium">Deadline</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-b border-slate-100 align-top">
                    {mayWork ? (
                      <td className="py-2 pr-2">
                        <input type="checkbox" name="requestIds" value={row.id} form={BULK_FORM_ID} aria-label={`Tick ${row.reference}`} />
                      </td>
                    ) : null}
                    <td className="py-2 pr-4 font-mono">
                      <Link to={`${base}/${row.reference}`} className={link}>
                        {row.reference}
                      </Link>
                      <NewReplyBadge unread={row.unread} />
                    </td>
                    <td className="py-2 pr-4">{REQUEST_TYPES[row.type].label}</td>
                    <td className="py-2 pr-4 break-all">
                      {row.email}
                      <span className="block text-slate-500">{row.name}</span>
                    </td>
                    <td className="py-2 pr-4">{REQUEST_STATES[row.state]}</td>
                    <td className="py-2 pr-4 break-all">{row.assignee ?? <span className="text-slate-500">Unassigned</span>}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{row.received ?? '—'}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {row.due ?? '—'}
                      {row.left ? (
                        <>
                          <br />
                          <DaysLeftLabel left={row.left} />
                        </>
                      ) : null}
                    </td>
                    <td className="py-2">
                      <DeadlineBadgeLabel badge={row.badge} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </WideTable>
        </>
      )}

      {links.previous || links.next ? (
        <nav aria-label="Pages" className="mt-6 flex gap-6">
          {links.previous ? (
            <Link to={links.previous} className={link}>
              Previous page
            </Link>
          ) : null}
          {links.next ? (
            <Link to={links.next} className={link}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}
