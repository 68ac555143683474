// The top of the request page: its reference and state, the answer's due date with days left,
// what needs attention, and the facts of the request (who asked for what, under which law).
import { Form, Link } from 'react-router'
import { FormAlert } from '~/components/auth-card'
import { PageSection } from '~/components/page-section'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'
import { URGENCY_STYLE, link } from './styles'

export function RequestHeader({ view, error }: { view: RequestView; error?: string }) {
  const { request, due, may } = view
  return (
    <header>
      <p className="text-sm">
        <Link to=".." relative="path" className={link}>
          ← All requests
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Request {request.reference}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700" data-testid="request-state">
          {request.stateLabel}
        </span>
        {due?.badge ? (
          <span className={`rounded border px-2 py-0.5 text-xs font-medium ${URGENCY_STYLE[due.badge.kind]}`}>{due.badge.label}</span>
        ) : null}
      </div>
      {due ? (
        <p className="mt-1 text-slate-700">
          Answer due by <strong data-testid="due-date">{due.date}</strong>
          {due.left ? <span data-testid="days-left"> ({due.left.label})</span> : null}
        </p>
      ) : null}
      {request.attentionReason ? (
        <div role="status" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          Needs attention: {request.attentionReason}
          {may.work && view.export?.retryable ? (
            <Form method="post" className="mt-2">
              <button type="submit" name="intent" value="retry_export" className="rounded border border-red-300 bg-white px-2 py-1">
                Build the export again
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={error} />
    </header>
  )
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm break-words whitespace-pre-wrap sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  )
}

export function RequestFacts({ request }: { request: RequestView['request'] }) {
  return (
    <PageSection id="details" title="Details">
      <dl className="mt-3 divide-y divide-slate-100">
        <Detail term="Type">{request.type}</Detail>
        <Detail term="Law">{request.jurisdiction}</Detail>
        {request.minimised ? (
          <Detail term="Requester">
            <span className="text-slate-600">
              Deleted on {request.minimised}, when the workspace&apos;s retention of closed requests ended: the name, e-mail,
              details, messages and files are gone; this record keeps what was asked, when and how it ended.
            </span>
          </Detail>
        ) : (
          <Detail term="Requester">
            {request.subjectName} &lt;{request.email}&gt;
          </Detail>
        )}
        <Detail term="Relationship">{request.relationship}</Detail>
        {request.agent ? (
          <Detail term="Authorised agent">
            {request.agent.name}
            {request.agent.authority ? `\nAuthority: ${request.agent.authority}` : ''}
          </Detail>
        ) : null}
        {request.minimised ? null : (
          <Detail term="Details given">{request.details || <span className="text-slate-500">None</span>}</Detail>
        )}
        <Detail term="Language">{request.language}</Detail>
        <Detail term="Filed">{request.submitted}</Detail>
        <Detail term="Received">{request.received ?? '—'}</Detail>
        <Detail term="Assignee">{request.assignee ?? <span className="text-slate-500">Unassigned</span>}</Detail>
        {request.extension ? (
          <Detail term="Extended">
            {request.extension.at}. Reason: {request.extension.reason}
          </Detail>
        ) : null}
        {request.rejection ? (
          <Detail term="Rejected">
            {request.rejection.at}. Ground: {request.rejection.ground}. {request.rejection.reason}
          </Detail>
        ) : null}
        {request.completed ? <Detail term="Completed">{request.completed}</Detail> : null}
      </dl>
    </PageSection>
  )
}
