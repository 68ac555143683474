// What the request page shows, read in one transaction and shaped for the sections: who asked
// for what under which law, its deadlines, the erasure stages, the work per data system, the
// export, the timeline, the reply templates filled in for this request, and what the member
// may do. The sections render it; nothing here knows about markup.
import { markRepliesRead } from '~/modules/dsar/request-reads.server'
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { TASK_ORDER, statementOfRequest } from '~/modules/dsar/erasure-statement'
import { exportReviewView } from '~/modules/dsar/export-review-view'
import { receiptText } from '~/modules/dsar/receipt-text'
import { deadlineBadge, lastDayOf, localDate, requestWorkers } from '~/modules/dsar/inbox.server'
import { daysLeft } from '~/modules/dsar/days-left'
import { renderTemplate } from '~/modules/dsar/reply-templates'
import { type Deadline, formatDeadline, requestDeadlines } from '~/modules/dsar/request-deadline.server'
import { CLOSED_STATES, JURISDICTIONS, RELATIONSHIPS, REQUEST_STATES, REQUEST_TYPES, taskModeOf } from '~/modules/dsar/request-kinds'
import { REJECTION_GROUNDS } from '~/modules/dsar/workflow.server'
import { utcInstant } from '~/modules/formats/utc-instant'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { requesterAttachmentsOf } from '~/modules/dsar/requester-attachment.server'
import { taskFilesView } from '~/modules/dsar/task-files-view'
import { type ActionOutcome, outcomeOf } from './action-outcome.server'
import { env } from '~/modules/config/env.server'

/** "Friday 27 February 2026" for a YYYY-MM-DD day. */
export function longDate(day: string): string {
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
  closed_duplicate: 'Closed as a duplicate',
  task_done: 'Task done',
  task_failed: 'Task failed',
  task_retried: 'Task retried',
  erased_primary: 'Erasure: every listed data system done',
  erased_backups: 'Erasure: older backups no longer hold the data',
  backups_confirmed: 'Backups confirmed by a member',
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
  waiting_for_system: 'Waiting for the system to answer',
  done: 'Done',
  failed: 'Failed',
} as const

async function loadRequest(member: Member, requestId: string) {
  return withTenant(member.tenant, async (tx) => {
    const request = await tx.privacyRequest.findFirst({
      where: { id: requestId, state: { not: 'unverified' } },
      include: {
        workspace: { select: { name: true, timeZone: true, backupRetentionDays: true } },
        assignee: { select: { id: true, email: true } },
        events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { actor: { select: { id: true, email: true } } } },
        tasks: {
          orderBy: TASK_ORDER,
          include: { dataSystem: true, completer: { select: { email: true } } },
        },
        export: { include: { releaser: { select: { email: true } } } },
      },
    })
    if (!request) return null
    const [deadlines, workers, templates, setup, requesterFiles] = await Promise.all([
      requestDeadlines(tx, request.id),
      requestWorkers(tx),
      tx.replyTemplate.findMany({
        where: { OR: [{ requestType: null }, { requestType: request.type }] },
        orderBy: [{ name: 'asc' }],
      }),
      openSetupSteps(tx, member.workspace.slug),
      requesterAttachmentsOf(tx, request.id),
    ])
    return { request, deadlines, workers, templates, setup, requesterFiles }
  })
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadRequest>>>

function deadlineRows(row: Loaded['request'], deadlines: Loaded['deadlines']) {
  const shown = (caption: string, deadline: Deadline | undefined) =>
    deadline
      ? [{ caption, date: formatDeadline(deadline), basis: deadline.basis, paused: deadline.pausedSince ? utcInstant(deadline.pausedSince) : null }]
      : []
  const extended = row.extendedAt !== null
  return [
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
}

/**
 * The page's data for `member`, or null when the request is not there. `templateId` is the
 * template a browser without JavaScript chose (?template=); `done` names the action just taken
 * (?done=), turned into a sentence only if the request's state now bears it out.
 */
export async function requestView(member: Member, requestId: string, { templateId, done }: { templateId: string | null; done: string | null }) {
  const found = await loadRequest(member, requestId)
  if (!found) return null
  const { request: row, deadlines, workers, templates, setup, requesterFiles } = found
  // The page shows every reply below: they are read now (the member's own reading state only).
  await markRepliesRead(member, row.id, row.events)
  const { timeZone, name: company } = row.workspace
  const now = new Date()
  const dueDay = row.dueAt ? lastDayOf(row.dueAt, timeZone) : null
  const open = !CLOSED_STATES.includes(row.state)
  const extended = row.extendedAt !== null
  const mode = taskModeOf(row.type)
  const erasure = statementOfRequest(row, env().BACKUP_RETENTION_DAYS)
  const exportRow = row.export
  const rendered = templates.map((template) => {
    const filled = renderTemplate(template.body, {
      name: row.subjectName,
      reference: row.reference,
      due_date: dueDay ? longDate(dueDay) : 'not set',
      company,
      request_type: REQUEST_TYPES[row.type].label,
    })
    return {
      id: template.id,
      label: `${template.name} (${template.language}${template.requestType ? '' : ', any type'})`,
      text: filled.text,
      unknown: filled.unknown,
    }
  })
  const chosen = rendered.find((t) => t.id === templateId) ?? null
  const outcome: ActionOutcome | null = done ? outcomeOf(done, { row, member, timeZone, now }) : null

  return {
    may: { work: can(member.role, 'requests.work') && !member.impersonation },
    me: { userId: member.user.id },
    /** What the portal still lacks: staff see it on each request (the portal takes requests anyway). */
    setup: { steps: setup, mayFix: can(member.role, 'privacy.manage') },
    requesterFiles,
    outcome,
    request: {
      id: row.id,
      reference: row.reference,
      type: REQUEST_TYPES[row.type].label,
      mode,
      jurisdiction: JURISDICTIONS[row.jurisdiction],
      state: row.state,
      stateLabel: REQUEST_STATES[row.state],
      open,
      subjectName: row.subjectName,
      email: row.email,
      /** When retention.purge deleted who asked and what they wrote (decision 023). */
      minimised: row.minimisedAt ? utcInstant(row.minimisedAt) : null,
      relationship: RELATIONSHIPS[row.relationship as keyof typeof RELATIONSHIPS] ?? row.relationship,
      details: row.details,
      agent: row.agentName ? { name: row.agentName, authority: row.agentAuthority ?? '' } : null,
      language: row.language,
      submitted: utcInstant(row.submittedAt),
      received: row.receivedAt ? `${localDate(row.receivedAt, timeZone)} (${utcInstant(row.receivedAt)})` : null,
      assigneeId: row.assignee?.id ?? '',
      assignee: row.assignee?.email ?? null,
      extension: row.extendedAt ? { at: utcInstant(row.extendedAt), reason: row.extensionReason ?? '' } : null,
      extendsTo: !extended && deadlines.extendedDue ? formatDeadline(deadlines.extendedDue) : null,
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
    due: dueDay && row.dueAt ? { date: longDate(dueDay), badge: deadlineBadge(row, now), left: open ? daysLeft(row.dueAt, timeZone, now) : null } : null,
    timeZone,
    deadlines: deadlineRows(row, deadlines),
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
      waitingReason: task.state === 'waiting_for_system' ? task.waitingReason : null,
      // A manual task's receipt is its note, shown as such.
      receipt: task.dataSystem.kind === 'manual' ? null : receiptText(task.receipt),
      note: task.note,
      attachesFiles: task.mode === 'access',
      files: taskFilesView(task.artifact),
      completed: task.completedAt ? `${utcInstant(task.completedAt)}${task.completer ? ` by ${task.completer.email}` : ''}` : null,
      // A customer's system whose data is erased but whose declared backup retention has not
      // passed: a member who knows its backups no longer hold the data may say so.
      mayConfirmBackups: task.mode === 'erasure' && task.dataSystem.kind === 'manual' && task.state === 'done' && !task.backupsErasedAt,
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
    templates: rendered,
    reply: {
      templateId: chosen?.id ?? '',
      text: chosen?.text ?? '',
      unknown: chosen?.unknown ?? [],
      missing: templateId !== null && templateId !== '' && !chosen,
    },
    rejectionGrounds: Object.entries(REJECTION_GROUNDS).map(([value, label]) => ({ value, label })),
  }
}

export type RequestView = NonNullable<Awaited<ReturnType<typeof requestView>>>
