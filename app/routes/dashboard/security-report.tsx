// /w/:slug/security/:reportId — one vulnerability report: what the researcher sent (shown as
// plain text, never rendered), its two clocks, its timeline, and the steps owners and admins
// take: acknowledge, change the state with a message e-mailed to the reporter, agree a
// disclosure date, note. Each an `intent` of the one action; the workflow writes the timeline,
// the e-mail and the audit entry together.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { Field, SelectField } from '~/components/field'
import { TimerLabel } from '~/components/timer-label'
import { PageSection } from '~/components/page-section'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { appOrigin } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { describeDeadline, localDate, reportTimers } from '~/modules/disclosure/deadlines'
import { reportDetail } from '~/modules/disclosure/inbox.server'
import {
  CLOSED_REPORT_STATES,
  REPORT_STATES,
  REPORT_STATE_KEYS,
  SEVERITY_LABELS,
  type Severity,
  TIMELINES,
  type Timeline,
} from '~/modules/disclosure/report-form'
import {
  DEFAULT_ACKNOWLEDGEMENT,
  ReportRuleError,
  acknowledgeReport,
  addReportNote,
  changeReportState,
  setDisclosureDate,
} from '~/modules/disclosure/workflow.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/security-report'
import { utcInstant } from '~/modules/formats/utc-instant'
import { isUuid } from '~/modules/formats/uuid'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && 'report' in data ? data.report.reference : 'Security report'} — Candor` },
]

const EVENT_KINDS: Record<string, string> = {
  received: 'Report received',
  acknowledged: 'Acknowledged',
  state_acknowledged: 'Marked acknowledged',
  state_triaged: 'Marked triaged',
  state_fixed: 'Marked fixed',
  state_disclosed: 'Marked disclosed',
  state_rejected: 'Rejected',
  disclosure_date: 'Disclosure date changed',
  note: 'Internal note',
}

/** The states a member may move a report to. */
const TARGET_STATES = REPORT_STATE_KEYS.filter((state) => state !== 'received') as [
  Exclude<(typeof REPORT_STATE_KEYS)[number], 'received'>,
  ...Exclude<(typeof REPORT_STATE_KEYS)[number], 'received'>[],
]

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'security.reports')
  if (!isUuid(params.reportId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const report = await withTenant(member.tenant, (tx) => reportDetail(tx, params.reportId))
  if (!report) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const { timeZone } = report.workspace
  const closed = CLOSED_REPORT_STATES.includes(report.state)
  return {
    may: { act: !member.impersonation },
    timeZone,
    report: {
      id: report.id,
      reference: report.reference,
      state: report.state,
      stateLabel: REPORT_STATES[report.state],
      closed,
      reporter: report.reporterName ? `${report.reporterName} <${report.reporterEmail}>` : report.reporterEmail,
      affectedSurface: report.affectedSurface,
      reproductionSteps: report.reproductionSteps,
      severity: SEVERITY_LABELS[report.severity as Severity] ?? report.severity,
      impact: report.impact,
      preferredTimeline: TIMELINES[report.preferredTimeline as Timeline] ?? report.preferredTimeline,
      received: utcInstant(report.receivedAt),
      acknowledgeBy: describeDeadline(report.acknowledgeBy, timeZone),
      acknowledged: report.acknowledgedAt ? utcInstant(report.acknowledgedAt) : null,
      disclosureDue: describeDeadline(report.disclosureDueAt, timeZone),
      /** The last day before the reporter may disclose, for the date field. */
      disclosureDate: localDate(new Date(report.disclosureDueAt.getTime() - 1), timeZone),
      fixed: report.fixedAt ? utcInstant(report.fixedAt) : null,
      closedAt: report.closedAt ? utcInstant(report.closedAt) : null,
    },
    timers: reportTimers(report, new Date()),
    states: TARGET_STATES.filter((state) => state !== report.state).map((state) => ({ value: state, label: REPORT_STATES[state] })),
    defaultAcknowledgement: DEFAULT_ACKNOWLEDGEMENT,
    events: report.events.map((event) => ({
      id: event.id,
      kind: EVENT_KINDS[event.kind] ?? event.kind,
      who: event.actor?.email ?? (event.kind === 'received' ? 'The reporter' : 'Candor'),
      when: utcInstant(event.createdAt),
      body: event.body,
      emailed: event.emailed,
    })),
  }
}

const text = (max: number, empty: string, tooLong: string) => z.string().trim().min(1, empty).max(max, tooLong)

const reportForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('acknowledge'),
    acknowledgement: z.string().trim().max(10_000, 'Keep the message under 10,000 characters.').default(''),
  }),
  z.object({
    intent: z.literal('state'),
    state: z.enum(TARGET_STATES, 'Choose the new state.'),
    message: text(10_000, 'Write the message the reporter gets with the change.', 'Keep the message under 10,000 characters.'),
  }),
  z.object({
    intent: z.literal('disclosure_date'),
    disclosureDate: z.iso.date('Enter the date as YYYY-MM-DD, for example 2027-03-31.'),
    disclosureMessage: z.string().trim().max(5_000, 'Keep the message under 5,000 characters.').default(''),
  }),
  z.object({
    intent: z.literal('note'),
    note: text(10_000, 'Write the note first.', 'Keep the note under 10,000 characters.'),
  }),
])

type Intent = z.input<typeof reportForm>['intent']

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'security.reports')
  if (!isUuid(params.reportId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const intent = values.intent as Intent | undefined
  // The report must be this workspace's before anything about the form is said.
  const known = await withTenant(member.tenant, (tx) => tx.vulnerabilityReport.count({ where: { id: params.reportId } }))
  if (!known) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const parsed = reportForm.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    const error = fieldErrors.intent ? 'Choose what to do with the report.' : undefined
    return data({ intent, error, fieldErrors, values }, { status: 400 })
  }
  const form = parsed.data
  const origin = { ...requestOrigin(request, context), appOrigin: appOrigin() }
  try {
    switch (form.intent) {
      case 'acknowledge':
        await acknowledgeReport(member, params.reportId, form.acknowledgement, origin)
        break
      case 'state':
        await changeReportState(member, params.reportId, { state: form.state, message: form.message }, origin)
        break
      case 'disclosure_date':
        await setDisclosureDate(member, params.reportId, { date: form.disclosureDate, message: form.disclosureMessage }, origin)
        break
      case 'note':
        await addReportNote(member, params.reportId, form.note, origin)
        break
    }
  } catch (error) {
    if (error instanceof ReportRuleError) return data({ intent, error: error.message, fieldErrors: {}, values }, { status: 409 })
    throw error
  }
  return redirect(`/w/${params.slug}/security/${params.reportId}`)
}

const button = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'
const primary = 'rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700'

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm whitespace-pre-wrap break-words sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  )
}

export default function SecurityReport({ loaderData, actionData }: Route.ComponentProps) {
  const { report, timers, states, events, may, timeZone, defaultAcknowledgement } = loaderData
  const failed = actionData?.intent
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {}
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const valueOf = (intent: Intent, name: string) => (failed === intent ? values[name] : undefined)
  const errorOf = (intent: Intent, name: string) => (failed === intent ? errors[name] : undefined)
  return (
    <>
      <p className="text-sm">
        <Link to=".." relative="path" className="text-brand-700 underline">
          ← All security reports
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Security report {report.reference}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700" data-testid="report-state">
          {report.stateLabel}
        </span>
      </div>
      <FormAlert message={actionData?.error} />

      <PageSection id="clocks" title="Deadlines">
        <p className="mt-1 text-sm text-slate-600">Days counted in {timeZone}.</p>
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Acknowledge by">
            {report.acknowledgeBy}{' '}
            {report.acknowledged ? (
              <span className="text-slate-600">— acknowledged {report.acknowledged}</span>
            ) : (
              <TimerLabel badge={timers.acknowledgement} testId="acknowledgement-timer" />
            )}
          </Detail>
          <Detail term="Reporter may disclose from">
            {report.disclosureDue} <TimerLabel badge={timers.disclosure} testId="disclosure-timer" />
          </Detail>
        </dl>
      </PageSection>

      <PageSection id="details" title="The report">
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Reporter">{report.reporter}</Detail>
          <Detail term="Affected">{report.affectedSurface}</Detail>
          <Detail term="Severity (the reporter’s estimate)">{report.severity}</Detail>
          <Detail term="Impact">{report.impact || <span className="text-slate-500">Not given</span>}</Detail>
          <Detail term="Preferred disclosure">{report.preferredTimeline}</Detail>
          <Detail term="Received">{report.received}</Detail>
          {report.fixed ? <Detail term="Fixed">{report.fixed}</Detail> : null}
          {report.closedAt ? <Detail term="Closed">{report.closedAt}</Detail> : null}
        </dl>
        <h3 className="mt-4 text-sm font-medium text-slate-600">Steps to reproduce</h3>
        <pre tabIndex={0} className="mt-1 max-h-[32rem] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 font-mono text-sm whitespace-pre-wrap break-words">
          {report.reproductionSteps}
        </pre>
      </PageSection>

      {may.act && !report.closed ? (
        <PageSection id="actions" title="Answer the reporter">
          {report.state === 'received' ? (
            <Form method="post" className="mt-3 grid max-w-2xl gap-3" noValidate>
              <Field
                label="Acknowledgement (e-mailed to the reporter)"
                name="acknowledgement"
                multiline
                hint={`Leave empty to send: “${defaultAcknowledgement}”`}
                value={valueOf('acknowledge', 'acknowledgement')}
                error={errorOf('acknowledge', 'acknowledgement')}
              />
              <div>
                <button type="submit" name="intent" value="acknowledge" className={primary}>
                  Acknowledge
                </button>
              </div>
            </Form>
          ) : null}

          <Form method="post" className="mt-8 grid max-w-2xl gap-3" noValidate>
            <SelectField
              label="New state"
              name="state"
              options={[{ value: '', label: 'Choose one' }, ...states]}
              value={valueOf('state', 'state') ?? ''}
              error={errorOf('state', 'state')}
            />
            <Field
              label="Message to the reporter (e-mailed with the change)"
              name="message"
              multiline
              value={valueOf('state', 'message')}
              error={errorOf('state', 'message')}
            />
            <div>
              <button type="submit" name="intent" value="state" className={primary}>
                Change state
              </button>
            </div>
          </Form>

          <Form method="post" className="mt-8 grid max-w-2xl gap-3" noValidate>
            <Field
              label="Disclosure date (the last day before the reporter may disclose)"
              name="disclosureDate"
              type="date"
              value={valueOf('disclosure_date', 'disclosureDate') ?? report.disclosureDate}
              error={errorOf('disclosure_date', 'disclosureDate')}
            />
            <Field
              label="Why (optional, e-mailed with the date)"
              name="disclosureMessage"
              multiline
              value={valueOf('disclosure_date', 'disclosureMessage')}
              error={errorOf('disclosure_date', 'disclosureMessage')}
            />
            <div>
              <button type="submit" name="intent" value="disclosure_date" className={button}>
                Set disclosure date
              </button>
            </div>
          </Form>
        </PageSection>
      ) : null}

      <PageSection id="timeline" title="Timeline">
        <ol className="mt-3 divide-y divide-slate-100">
          {events.map((event) => (
            <li key={event.id} className="py-3 text-sm">
              <div className="flex flex-wrap items-baseline gap-3">
                <strong>{event.kind}</strong>
                <span className="text-slate-600">{event.who}</span>
                <span className="text-slate-500">{event.when}</span>
                {event.emailed ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">e-mailed to the reporter</span> : null}
              </div>
              {event.body ? <p className="mt-1 whitespace-pre-wrap break-words">{event.body}</p> : null}
            </li>
          ))}
        </ol>
        {may.act ? (
          <Form method="post" className="mt-4 grid max-w-2xl gap-3" noValidate>
            <Field label="Internal note (not sent to the reporter)" name="note" multiline value={valueOf('note', 'note')} error={errorOf('note', 'note')} />
            <div>
              <button type="submit" name="intent" value="note" className={button}>
                Add note
              </button>
            </div>
          </Form>
        ) : null}
      </PageSection>
    </>
  )
}
