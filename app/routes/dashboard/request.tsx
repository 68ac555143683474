// /w/:slug/requests/:requestId — one privacy request: who asked for what under which law, its
// deadlines, the erasure stages, the work per data system, the export, and a timeline of every
// event. Members who work requests act on it here (assign, note, reply with a template, ask the
// requester, extend, reject, complete, retry or complete a task, review the export), each an `intent` of the one
// action; the workflow functions write the timeline, the e-mail and the audit entry together.
// Viewers read the same page without the forms.
import { Form, Link, data, redirect } from 'react-router'
import { z } from 'zod'
import { FormAlert } from '~/components/auth-card'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import type { Member } from '~/modules/auth/member.server'
import { NOT_FOUND_MESSAGE, requireMember } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { deadlineBadge, lastDayOf, localDate, requestWorkers } from '~/modules/dsar/inbox.server'
import { renderTemplate } from '~/modules/dsar/reply-templates'
import { type Deadline, formatDeadline, requestDeadlines } from '~/modules/dsar/request-deadline.server'
import {
  CLOSED_STATES,
  JURISDICTIONS,
  RELATIONSHIPS,
  REQUEST_STATES,
  REQUEST_TYPES,
  taskModeOf,
} from '~/modules/dsar/request-kinds'
import { ExportReviewSection } from '~/components/export-review-section'
import { RequesterAttachmentsSection } from '~/components/requester-attachments-section'
import { requesterAttachmentsFor } from '~/modules/dsar/requester-attachment-staff.server'
import { statementOfRequest } from '~/modules/dsar/erasure-statement'
import { retryExport } from '~/modules/dsar/export.server'
import { assembleExportAgain, sendExportToRequester } from '~/modules/dsar/export-review.server'
import { exportReviewView } from '~/modules/dsar/export-review-view'
import { retryTask } from '~/modules/dsar/tasks.server'
import {
  REJECTION_GROUNDS,
  RequestRuleError,
  addNote,
  askSubject,
  assignRequest,
  completeManualTask,
  completeRequest,
  extendRequest,
  rejectRequest,
  replyToSubject,
} from '~/modules/dsar/workflow.server'
import { readForm } from '~/modules/http/form.server'
import { requestOrigin } from '~/modules/http/request-info'
import type { Route } from './+types/request'
import { utcInstant } from '~/modules/formats/utc-instant'
import { isUuid } from '~/modules/formats/uuid'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data && 'request' in data ? data.request.reference : 'Request'} — Candor` },
]

/** "Friday 27 February 2026" for a YYYY-MM-DD day. */
function longDate(day: string): string {
  return formatDeadline({ date: day } as Deadline)
}

const EVENT_KINDS: Record<string, string> = {
  submitted: 'Request filed',
  verified: 'E-mail confirmed: request received',
  assigned: 'Assignment',
  note: 'Internal note',
  message: 'Reply to the requester',
  asked_identity: 'Asked for identity information',
  asked_clarification: 'Asked for a clarification',
  subject_message: 'The requester wrote',
  extended: 'Deadline extended',
  rejected: 'Request rejected',
  completed: 'Request completed',
  task_done: 'Task done',
  task_failed: 'Task failed',
  task_retried: 'Task retried',
  erased_primary: 'Erasure: every listed data system done',
  export_ready: 'Export ready',
  export_failed: 'Export failed',
  export_downloaded: 'Export downloaded',
}

/** Events without a member behind them that the requester caused. */
const BY_REQUESTER = new Set(['submitted', 'verified', 'subject_message', 'export_downloaded'])

const eventKind = (kind: string) => EVENT_KINDS[kind] ?? kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

const TASK_STATES = {
  pending: 'Waiting to run',
  running: 'Running',
  waiting_for_staff: 'Waiting for a member',
  done: 'Done',
  failed: 'Failed',
} as const

/** An erasure receipt, for a person to read: "requests: 2, e-mails: 5. Kept: signatures: 1 (why)". */
function receiptText(receipt: unknown): string | null {
  if (!receipt || typeof receipt !== 'object') return null
  const { items, kept } = receipt as { items?: unknown; kept?: unknown }
  if (!Array.isArray(items)) return JSON.stringify(receipt)
  const erased = items.map((item: { what?: unknown; count?: unknown }) => `${String(item.what)}: ${String(item.count)}`).join('; ')
  const keptText = Array.isArray(kept)
    ? kept
        .filter((item: { count?: unknown }) => Number(item.count) > 0)
        .map((item: { what?: unknown; count?: unknown; why?: unknown }) => `${String(item.what)}: ${String(item.count)} (${String(item.why)})`)
        .join('; ')
    : ''
  return keptText ? `${erased}. Kept: ${keptText}` : erased
}

async function loadRequest(member: Member, requestId: string, templateId: string | null) {
  return withTenant(member.tenant, async (tx) => {
    const request = await tx.privacyRequest.findFirst({
      where: { id: requestId, state: { not: 'unverified' } },
      include: {
        workspace: { select: { name: true, timeZone: true, backupRetentionDays: true } },
        assignee: { select: { id: true, email: true } },
        events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { actor: { select: { email: true } } } },
        tasks: {
          orderBy: { createdAt: 'asc' },
          include: { dataSystem: true, completer: { select: { email: true } } },
        },
        export: { include: { releaser: { select: { email: true } } } },
      },
    })
    if (!request) return null
    const [deadlines, workers, templates] = await Promise.all([
      requestDeadlines(tx, request.id),
      requestWorkers(tx),
      tx.replyTemplate.findMany({
        where: { OR: [{ requestType: null }, { requestType: request.type }] },
        orderBy: [{ name: 'asc' }],
      }),
    ])
    return { request, deadlines, workers, templates, template: templates.find((t) => t.id === templateId) ?? null }
  })
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'requests.view')
  if (!isUuid(params.requestId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const templateParam = new URL(request.url).searchParams.get('template')
  const found = await loadRequest(member, params.requestId, templateParam && isUuid(templateParam) ? templateParam : null)
  if (!found) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const { request: row, deadlines, workers, templates, template } = found
  const { timeZone, name: company } = row.workspace
  const now = new Date()
  const dueDay = row.dueAt ? lastDayOf(row.dueAt, timeZone) : null

  const shown = (caption: string, deadline: Deadline | undefined) =>
    deadline
      ? [{ caption, date: formatDeadline(deadline), basis: deadline.basis, paused: deadline.pausedSince ? utcInstant(deadline.pausedSince) : null }]
      : []
  const extended = row.extendedAt !== null
  const deadlineRows = [
    ...shown('Statutory deadline', deadlines.due),
    ...(deadlines.adjusted && deadlines.adjusted.date !== deadlines.due.date
      ? shown('Adjusted deadline (time waiting for identity information left out)', deadlines.adjusted)
      : []),
    ...shown(extended ? 'Extended deadline' : 'Latest date if extended', deadlines.extendedDue),
    ...shown('Internal target', deadlines.internalTarget),
    ...shown('Acknowledge receipt by', deadlines.acknowledgeBy),
    ...(extended ? [] : shown('Extension notice must reach the requester by', deadlines.extensionNoticeBy)),
    ...shown('A refusal must reach the requester by', deadlines.refusalBy),
  ]

  const rendered = template
    ? renderTemplate(template.body, {
        name: row.subjectName,
        reference: row.reference,
        due_date: dueDay ? longDate(dueDay) : 'not set',
        company,
        request_type: REQUEST_TYPES[row.type].label,
      })
    : null
  const mode = taskModeOf(row.type)
  const erasure = statementOfRequest(row)
  const exportRow = row.export
  const open = !CLOSED_STATES.includes(row.state)
  const mayWork = can(member.role, 'requests.work') && !member.impersonation

  return {
    may: { work: mayWork },
    request: {
      id: row.id,
      reference: row.reference,
      type: REQUEST_TYPES[row.type].label,
      jurisdiction: JURISDICTIONS[row.jurisdiction],
      state: row.state,
      stateLabel: REQUEST_STATES[row.state],
      open,
      subjectName: row.subjectName,
      email: row.email,
      relationship: RELATIONSHIPS[row.relationship as keyof typeof RELATIONSHIPS] ?? row.relationship,
      details: row.details,
      agent: row.agentName ? { name: row.agentName, authority: row.agentAuthority ?? '' } : null,
      language: row.language,
      submitted: utcInstant(row.submittedAt),
      received: row.receivedAt ? `${localDate(row.receivedAt, timeZone)} (${utcInstant(row.receivedAt)})` : null,
      assigneeId: row.assignee?.id ?? '',
      assignee: row.assignee?.email ?? null,
      extension: row.extendedAt ? { at: utcInstant(row.extendedAt), reason: row.extensionReason ?? '' } : null,
      rejection: row.rejectedAt
        ? {
            at: utcInstant(row.rejectedAt),
            ground: REJECTION_GROUNDS[row.rejectionGround as keyof typeof REJECTION_GROUNDS] ?? row.rejectionGround ?? '',
            reason: row.rejectionReason ?? '',
          }
        : null,
      completed: row.completedAt ? utcInstant(row.completedAt) : null,
      attentionReason: row.state === 'needs_attention' ? row.attentionReason : null,
      canExtend: open && !extended && deadlines.extensionNoticeBy !== undefined,
      awaiting: row.state === 'awaiting_subject',
    },
    due: dueDay ? { date: longDate(dueDay), badge: deadlineBadge(row, now) } : null,
    timeZone,
    deadlines: deadlineRows,
    erasure: erasure && {
      summary: erasure.summary,
      lines: erasure.lines.map((line) => line.text),
      backups: erasure.backups,
      warning: erasure.staffWarning,
    },
    events: row.events.map((event) => ({
      id: event.id,
      kind: eventKind(event.kind),
      who: event.actor?.email ?? (BY_REQUESTER.has(event.kind) ? 'The requester' : 'Candor'),
      when: utcInstant(event.createdAt),
      body: event.body,
      public: event.public,
    })),
    tasks: row.tasks.map((task) => ({
      id: task.id,
      system: task.dataSystem.name,
      manual: task.dataSystem.kind === 'manual',
      instructions: task.dataSystem.kind === 'manual' ? task.dataSystem.instructions : '',
      mode: task.mode === 'erasure' ? 'Erase' : 'Collect data',
      state: task.state,
      stateLabel: TASK_STATES[task.state],
      attempts: task.attempts,
      lastError: task.lastError,
      // A manual task's receipt is its note, shown as such.
      receipt: task.dataSystem.kind === 'manual' ? null : receiptText(task.receipt),
      note: task.note,
      completed: task.completedAt ? `${utcInstant(task.completedAt)}${task.completer ? ` by ${task.completer.email}` : ''}` : null,
    })),
    export:
      mode === 'access'
        ? exportReviewView({
            exported: exportRow,
            releaser: exportRow?.releaser?.email ?? null,
            tasksDone: row.tasks.every((t) => t.state === 'done'),
            needsAttention: row.state === 'needs_attention',
            now,
          })
        : null,
    workers: workers.map(({ userId, email }) => ({ userId, email })),
    templates: templates.map((t) => ({
      id: t.id,
      label: `${t.name} (${t.language}${t.requestType ? '' : ', any type'})`,
    })),
    reply: {
      templateId: template?.id ?? '',
      text: rendered?.text ?? '',
      unknown: rendered?.unknown ?? [],
      missing: templateParam !== null && templateParam !== '' && !template,
    },
    rejectionGrounds: Object.entries(REJECTION_GROUNDS).map(([value, label]) => ({ value, label })),
    requesterFiles: await requesterAttachmentsFor(member, row.id),
  }
}

const text = (max: number, empty: string, tooLong: string) => z.string().trim().min(1, empty).max(max, tooLong)

const requestForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('assign'),
    assigneeId: z.union([z.literal(''), z.uuid('Choose a member from the list.')], 'Choose a member from the list.'),
  }),
  z.object({
    intent: z.literal('note'),
    note: text(10_000, 'Write the note first.', 'Keep the note under 10,000 characters.'),
  }),
  z.object({
    intent: z.literal('reply'),
    message: text(10_000, 'Write the reply first.', 'Keep the reply under 10,000 characters.'),
  }),
  z.object({
    intent: z.literal('ask'),
    reason: z.enum(['identity', 'clarification'], 'Choose whether you need identity information or a clarification.'),
    question: text(10_000, 'Say what you need from the requester.', 'Keep the question under 10,000 characters.'),
  }),
  z.object({
    intent: z.literal('extend'),
    extensionReason: text(
      5_000,
      'Give the reason for the extension: the requester is told it.',
      'Keep the reason under 5,000 characters.',
    ),
  }),
  z.object({
    intent: z.literal('reject'),
    ground: z.enum(Object.keys(REJECTION_GROUNDS) as [keyof typeof REJECTION_GROUNDS], 'Choose the legal ground for the refusal.'),
    explanation: text(
      5_000,
      'Explain the refusal: the requester is told it with the ground.',
      'Keep the explanation under 5,000 characters.',
    ),
  }),
  z.object({
    intent: z.literal('complete'),
    completionMessage: text(
      10_000,
      'Write the message the requester gets with the completion.',
      'Keep the message under 10,000 characters.',
    ),
  }),
  z.object({ intent: z.literal('retry_task'), taskId: z.uuid('Choose a task of this request.') }),
  z.object({ intent: z.literal('retry_export') }),
  z.object({ intent: z.literal('release_export') }),
  z.object({
    intent: z.literal('assemble_again'),
    sendBackReason: text(2_000, 'Say what is missing, for the timeline.', 'Keep it under 2,000 characters.'),
  }),
  z.object({
    intent: z.literal('complete_task'),
    taskId: z.uuid('Choose a task of this request.'),
    taskNote: text(5_000, 'Say what you did in this system.', 'Keep the note under 5,000 characters.'),
  }),
])

type Intent = z.input<typeof requestForm>['intent']

export async function action({ request, params, context }: Route.ActionArgs) {
  const member = await requireMember({ request, params, context }, 'requests.work')
  if (!isUuid(params.requestId)) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>
  const intent = values.intent as Intent | undefined
  const parsed = requestForm.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    const error = fieldErrors.intent ? 'Choose what to do with the request.' : undefined
    return data({ intent, error, fieldErrors, values }, { status: 400 })
  }
  const form = parsed.data
  const requestId = params.requestId
  // The request (and a task named in the form) must be this workspace's, and received.
  const known = await withTenant(member.tenant, async (tx) => {
    const found = await tx.privacyRequest.count({ where: { id: requestId, state: { not: 'unverified' } } })
    if (!found) return 'request'
    if ('taskId' in form && !(await tx.requestTask.count({ where: { id: form.taskId, requestId } }))) return 'task'
    return null
  })
  if (known === 'request') throw data(NOT_FOUND_MESSAGE, { status: 404 })
  if (known === 'task') {
    return data({ intent, error: 'There is no such task in this request.', fieldErrors: {}, values }, { status: 409 })
  }
  const origin = requestOrigin(request, context)
  try {
    switch (form.intent) {
      case 'assign':
        await assignRequest(member, requestId, form.assigneeId || null, origin)
        break
      case 'note':
        await addNote(member, requestId, form.note, origin)
        break
      case 'reply':
        await replyToSubject(member, requestId, form.message, origin)
        break
      case 'ask':
        await askSubject(member, requestId, { reason: form.reason, message: form.question }, origin)
        break
      case 'extend':
        await extendRequest(member, requestId, form.extensionReason, origin)
        break
      case 'reject':
        await rejectRequest(member, requestId, { ground: form.ground, explanation: form.explanation }, origin)
        break
      case 'complete':
        await completeRequest(member, requestId, form.completionMessage, origin)
        break
      case 'retry_task': {
        const retried = await withTenant(member.tenant, (tx) => retryTask(tx, { ...member.tenant, origin }, form.taskId))
        if (!retried) throw new RequestRuleError('Only a failed task can be retried.')
        break
      }
      case 'retry_export': {
        const retried = await withTenant(member.tenant, (tx) => retryExport(tx, { ...member.tenant, origin }, requestId))
        if (!retried) throw new RequestRuleError('Only a failed export, with every task done, can be built again.')
        break
      }
      case 'release_export':
        await sendExportToRequester(member, requestId, origin)
        break
      case 'assemble_again':
        await assembleExportAgain(member, requestId, form.sendBackReason, origin)
        break
      case 'complete_task':
        await completeManualTask(member, form.taskId, form.taskNote, origin)
        break
    }
  } catch (error) {
    if (error instanceof RequestRuleError) {
      return data({ intent, error: error.message, fieldErrors: {}, values }, { status: 409 })
    }
    throw error
  }
  return redirect(`/w/${params.slug}/requests/${requestId}`)
}

const button = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'
const primary = 'rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700'
const link = 'text-brand-700 underline'

const BADGE_STYLE = {
  overdue: 'border-red-300 bg-red-50 text-red-900',
  due_soon: 'border-amber-300 bg-amber-50 text-amber-900',
  on_track: 'border-green-300 bg-green-50 text-green-900',
} as const

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 text-sm whitespace-pre-wrap break-words sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  )
}

export default function RequestPage({ loaderData, actionData }: Route.ComponentProps) {
  const { request, due, deadlines, erasure, events, tasks, may, workers, templates, reply, rejectionGrounds } = loaderData
  const failed = actionData?.intent
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {}
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  const valueOf = (intent: Intent, name: string) => (failed === intent ? values[name] : undefined)
  return (
    <>
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
          <span className={`rounded border px-2 py-0.5 text-xs font-medium ${BADGE_STYLE[due.badge.kind]}`}>{due.badge.label}</span>
        ) : null}
      </div>
      {due ? (
        <p className="mt-1 text-slate-700">
          Answer due by <strong data-testid="due-date">{due.date}</strong>
        </p>
      ) : null}
      {request.attentionReason ? (
        <div role="status" className="mt-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          Needs attention: {request.attentionReason}
          {may.work && loaderData.export?.retryable ? (
            <Form method="post" className="mt-2">
              <button type="submit" name="intent" value="retry_export" className="rounded border border-red-300 bg-white px-2 py-1">
                Build the export again
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={actionData?.error} />

      <PageSection id="details" title="Details">
        <dl className="mt-3 divide-y divide-slate-100">
          <Detail term="Type">{request.type}</Detail>
          <Detail term="Law">{request.jurisdiction}</Detail>
          <Detail term="Requester">
            {request.subjectName} &lt;{request.email}&gt;
          </Detail>
          <Detail term="Relationship">{request.relationship}</Detail>
          {request.agent ? (
            <Detail term="Authorised agent">
              {request.agent.name}
              {request.agent.authority ? `\nAuthority: ${request.agent.authority}` : ''}
            </Detail>
          ) : null}
          <Detail term="Details given">{request.details || <span className="text-slate-500">None</span>}</Detail>
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

      <PageSection id="deadlines" title="Deadlines">
        <p className="mt-1 text-sm text-slate-600">Days counted in {loaderData.timeZone}.</p>
        <table className="mt-3 w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {deadlines.map((deadline) => (
              <tr key={deadline.caption} className="align-top">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {deadline.caption}
                </th>
                <td className="py-2 pr-4 sm:whitespace-nowrap">
                  {deadline.date}
                  {deadline.paused ? <span className="block text-xs text-amber-800">clock paused since {deadline.paused}</span> : null}
                </td>
                <td className="py-2 text-xs text-slate-500">{deadline.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PageSection>

      {erasure ? (
        <PageSection id="erasure" title="Erasure">
          {erasure.warning ? (
            <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {erasure.warning}
            </p>
          ) : null}
          <p className="mt-3 text-sm">{erasure.summary}</p>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {erasure.lines.map((line, index) => (
              <li key={`${index}:${line}`}>{line}</li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-slate-600">
            {erasure.backups ?? 'Backups: an expected date is given once a system has erased the data.'} Candor keeps no backup
            catalogue yet: it cannot confirm that backups are gone.
          </p>
        </PageSection>
      ) : null}

      {tasks.length > 0 ? (
        <PageSection id="tasks" title="Data systems">
          <ul className="mt-3 divide-y divide-slate-100">
            {tasks.map((task) => (
              <li key={task.id} className="py-3 text-sm">
                <div className="flex flex-wrap items-baseline gap-3">
                  <strong>{task.system}</strong>
                  <span className="text-slate-600">{task.mode}</span>
                  <span className={task.state === 'failed' ? 'font-medium text-red-800' : 'text-slate-700'}>{task.stateLabel}</span>
                  {task.attempts > 0 ? <span className="text-slate-500">{task.attempts} attempt{task.attempts === 1 ? '' : 's'}</span> : null}
                </div>
                {task.instructions ? <p className="mt-1 whitespace-pre-wrap text-slate-600">{task.instructions}</p> : null}
                {task.lastError ? <p className="mt-1 text-red-800">Last error: {task.lastError}</p> : null}
                {task.receipt ? <p className="mt-1">Erasure receipt: {task.receipt}</p> : null}
                {task.note ? <p className="mt-1">Note: {task.note}</p> : null}
                {task.completed ? <p className="mt-1 text-slate-600">Done {task.completed}</p> : null}
                {may.work && task.state === 'failed' ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="taskId" value={task.id} />
                    <button type="submit" name="intent" value="retry_task" className={button} aria-label={`Retry ${task.system}`}>
                      Retry
                    </button>
                  </Form>
                ) : null}
                {may.work && task.manual && task.state !== 'done' ? (
                  <Form method="post" className="mt-2 grid max-w-xl gap-2" noValidate>
                    <input type="hidden" name="taskId" value={task.id} />
                    <label htmlFor={`taskNote-${task.id}`} className="text-sm font-medium">
                      What was done in {task.system}
                    </label>
                    <textarea
                      id={`taskNote-${task.id}`}
                      name="taskNote"
                      rows={2}
                      defaultValue={failed === 'complete_task' && values.taskId === task.id ? values.taskNote : undefined}
                      aria-invalid={failed === 'complete_task' && values.taskId === task.id && errors.taskNote ? true : undefined}
                      className="block w-full rounded border border-slate-300 px-3 py-2"
                    />
                    {failed === 'complete_task' && values.taskId === task.id && errors.taskNote ? (
                      <p className="text-sm text-red-700">{errors.taskNote}</p>
                    ) : null}
                    <div>
                      <button type="submit" name="intent" value="complete_task" className={button}>
                        Mark done
                      </button>
                    </div>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </PageSection>
      ) : null}

      {loaderData.export ? (
        <ExportReviewSection
          view={loaderData.export}
          mayWork={may.work}
          reasonError={failed === 'assemble_again' ? errors.sendBackReason : undefined}
          reason={valueOf('assemble_again', 'sendBackReason')}
        />
      ) : null}

      <RequesterAttachmentsSection attachments={loaderData.requesterFiles} />

      <PageSection id="timeline" title="Timeline">
        <ol className="mt-3 space-y-4">
          {events.map((event) => (
            <li key={event.id} className="rounded border border-slate-200 p-3 text-sm">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <strong>{event.kind}</strong>
                <span className="text-slate-600">{event.who}</span>
                <time className="text-slate-500">{event.when}</time>
                {event.public ? (
                  <span className="rounded bg-sky-50 px-2 py-0.5 text-xs text-sky-900">visible to requester</span>
                ) : (
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">staff only</span>
                )}
              </div>
              {event.body ? <p className="mt-2 whitespace-pre-wrap break-words">{event.body}</p> : null}
            </li>
          ))}
        </ol>
      </PageSection>

      {may.work ? (
        <PageSection id="actions" title="Work on this request">
          <div className="mt-4 grid gap-8 lg:grid-cols-2">
            <Form method="post" className="grid content-start gap-3 rounded border border-slate-200 p-4">
              <h3 className="font-medium">Assign</h3>
              <div>
                <label htmlFor="assigneeId" className="block text-sm font-medium">
                  Assignee
                </label>
                <select
                  id="assigneeId"
                  name="assigneeId"
                  defaultValue={valueOf('assign', 'assigneeId') ?? request.assigneeId}
                  className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
                >
                  <option value="">Nobody</option>
                  {workers.map((worker) => (
                    <option key={worker.userId} value={worker.userId}>
                      {worker.email}
                    </option>
                  ))}
                </select>
                {failed === 'assign' && errors.assigneeId ? <p className="mt-1 text-sm text-red-700">{errors.assigneeId}</p> : null}
              </div>
              <div>
                <button type="submit" name="intent" value="assign" className={button}>
                  Assign
                </button>
              </div>
            </Form>

            <Form method="post" className="grid content-start gap-3 rounded border border-slate-200 p-4" noValidate>
              <h3 className="font-medium">Internal note</h3>
              <Field
                label="Note for staff (the requester does not see it)"
                name="note"
                multiline
                value={valueOf('note', 'note')}
                error={failed === 'note' ? errors.note : undefined}
              />
              <div>
                <button type="submit" name="intent" value="note" className={button}>
                  Add note
                </button>
              </div>
            </Form>

            <div className="grid content-start gap-3 rounded border border-slate-200 p-4 lg:col-span-2">
              <h3 className="font-medium">Reply to the requester</h3>
              {templates.length > 0 ? (
                <Form method="get" className="flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor="template" className="block text-sm font-medium">
                      Reply template
                    </label>
                    <select
                      id="template"
                      name="template"
                      defaultValue={reply.templateId}
                      className="mt-1 block rounded border border-slate-300 px-3 py-2"
                    >
                      <option value="">No template</option>
                      {templates.map((template) => (
                        <option key={template.id} value={template.id}>
                          {template.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className={button}>
                    Use template
                  </button>
                </Form>
              ) : null}
              {reply.missing ? <p className="text-sm text-amber-800">That reply template no longer exists.</p> : null}
              {reply.unknown.length > 0 ? (
                <p role="status" className="text-sm text-amber-800">
                  The template uses {reply.unknown.map((name) => (name.startsWith('{{') ? name : `{{${name}}}`)).join(', ')}, which
                  Candor cannot fill in: edit the text before sending.
                </p>
              ) : null}
              <Form method="post" className="grid gap-3" noValidate>
                <div key={reply.templateId}>
                  <Field
                    label="Reply (e-mailed to the requester and shown on their status page)"
                    name="message"
                    multiline
                    value={valueOf('reply', 'message') ?? reply.text}
                    error={failed === 'reply' ? errors.message : undefined}
                  />
                </div>
                <div>
                  <button type="submit" name="intent" value="reply" className={primary}>
                    Send reply
                  </button>
                </div>
              </Form>
            </div>

            {request.open && !request.awaiting ? (
              <Form method="post" className="grid content-start gap-3 rounded border border-slate-200 p-4" noValidate>
                <h3 className="font-medium">Ask the requester</h3>
                <fieldset>
                  <legend className="text-sm font-medium">What is missing</legend>
                  <div className="mt-1 grid gap-1 text-sm">
                    <label className="flex items-center gap-2">
                      <input
                        type="radio"
                        name="reason"
                        value="identity"
                        defaultChecked={(valueOf('ask', 'reason') ?? 'identity') === 'identity'}
                      />
                      Identity information
                    </label>
                    <label className="flex items-center gap-2">
                      <input type="radio" name="reason" value="clarification" defaultChecked={valueOf('ask', 'reason') === 'clarification'} />
                      A clarification of the request
                    </label>
                  </div>
                  {failed === 'ask' && errors.reason ? <p className="mt-1 text-sm text-red-700">{errors.reason}</p> : null}
                </fieldset>
                <Field
                  label="What you need from the requester"
                  name="question"
                  multiline
                  hint="The request waits for their answer: the UK GDPR clock stops, and the GDPR adjusted date leaves the wait out."
                  value={valueOf('ask', 'question')}
                  error={failed === 'ask' ? errors.question : undefined}
                />
                <div>
                  <button type="submit" name="intent" value="ask" className={button}>
                    Ask the requester
                  </button>
                </div>
              </Form>
            ) : null}

            {request.canExtend ? (
              <Form method="post" className="grid content-start gap-3 rounded border border-slate-200 p-4" noValidate>
                <h3 className="font-medium">Extend the deadline</h3>
                <Field
                  label="Reason for the extension"
                  name="extensionReason"
                  multiline
                  hint="The law allows one extension. The requester is e-mailed the new date and this reason."
                  value={valueOf('extend', 'extensionReason')}
                  error={failed === 'extend' ? errors.extensionReason : undefined}
                />
                <div>
                  <button type="submit" name="intent" value="extend" className={button}>
                    Extend
                  </button>
                </div>
              </Form>
            ) : null}

            {request.open ? (
              <Form method="post" className="grid content-start gap-3 rounded border border-slate-200 p-4" noValidate>
                <h3 className="font-medium">Complete</h3>
                <Field
                  label="Completion message"
                  name="completionMessage"
                  multiline
                  hint="E-mailed to the requester with the outcome (and the erasure dates, or the download)."
                  value={valueOf('complete', 'completionMessage')}
                  error={failed === 'complete' ? errors.completionMessage : undefined}
                />
                <div>
                  <button type="submit" name="intent" value="complete" className={primary}>
                    Complete the request
                  </button>
                </div>
              </Form>
            ) : null}

            {request.open ? (
              <Form method="post" className="grid content-start gap-3 rounded border border-red-200 p-4" noValidate>
                <h3 className="font-medium text-red-900">Reject</h3>
                <div>
                  <label htmlFor="ground" className="block text-sm font-medium">
                    Legal ground
                  </label>
                  <select
                    id="ground"
                    name="ground"
                    defaultValue={valueOf('reject', 'ground') ?? ''}
                    aria-invalid={failed === 'reject' && errors.ground ? true : undefined}
                    aria-describedby={failed === 'reject' && errors.ground ? 'ground-error' : undefined}
                    className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
                  >
                    <option value="">Choose a ground</option>
                    {rejectionGrounds.map((ground) => (
                      <option key={ground.value} value={ground.value}>
                        {ground.label}
                      </option>
                    ))}
                  </select>
                  {failed === 'reject' && errors.ground ? (
                    <p id="ground-error" className="mt-1 text-sm text-red-700">
                      {errors.ground}
                    </p>
                  ) : null}
                </div>
                <Field
                  label="Explanation for the requester"
                  name="explanation"
                  multiline
                  hint="Sent with the ground and their right to complain to a supervisory authority."
                  value={valueOf('reject', 'explanation')}
                  error={failed === 'reject' ? errors.explanation : undefined}
                />
                <div>
                  <button type="submit" name="intent" value="reject" className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800">
                    Reject the request
                  </button>
                </div>
              </Form>
            ) : null}
          </div>
        </PageSection>
      ) : null}
    </>
  )
}
