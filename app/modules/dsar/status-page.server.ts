// What the requester's status page shows of an opened request, computed from the request as it
// stands now: its state, deadline, steps, erasure statement, download and thread (each message
// with who wrote it). Dates are in the requester's time zone, named, or in UTC.
import type { PrivacyRequest } from '~/generated/prisma/client'
import type { PublicWorkspace, Tx } from '~/modules/db/tenant.server'
import { loadErasureStatement } from './erasure-statement.server'
import { formatDeadline, requestDeadlines } from './request-deadline.server'
import { duplicateNotice } from './duplicate-notice.server'
import { CLOSED_STATES, REQUEST_STATES, REQUEST_TYPES, STOPPED_STATES } from './request-kinds'
import { requestSteps } from './request-steps'
import { identityAsked } from './workflow.server'
import { formatDayForSubject, formatForSubject } from './subject-time-zone'

/** Timeline events the requester made (filing, answering); every other public one is the company's. */
const SUBJECT_KINDS = ['submitted', 'subject_message']

export async function statusPageOf(tx: Tx, workspace: PublicWorkspace, found: PrivacyRequest) {
  const zone = found.timeZone
  const [events, exported, deadlines, erasure, firstTask, duplicate] = await Promise.all([
    tx.requestEvent.findMany({ where: { requestId: found.id, public: true }, orderBy: { createdAt: 'asc' } }),
    tx.requestExport.findUnique({ where: { requestId: found.id } }),
    found.receivedAt ? requestDeadlines(tx, found.id) : null,
    loadErasureStatement(tx, found.id),
    tx.requestTask.findFirst({ where: { requestId: found.id }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    duplicateNotice(tx, found, workspace),
  ])
  const attachments = await tx.requesterAttachment.findMany({ where: { requestId: found.id }, select: { eventId: true, fileName: true } })
  const firstStaffStep = await tx.requestEvent.findFirst({
    where: { requestId: found.id, actorUserId: { not: null } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  })
  const downloadUntil =
    exported?.releasedAt && exported.expiresAt && !exported.deletedAt && exported.expiresAt > new Date() ? exported.expiresAt : null
  const progress = requestSteps(
    {
      type: found.type,
      state: found.state,
      submittedAt: found.submittedAt,
      receivedAt: found.receivedAt,
      workStartedAt: earliest(firstTask?.createdAt, firstStaffStep?.createdAt),
      exportReleasedAt: exported?.releasedAt ?? null,
      completedAt: found.completedAt,
      rejectedAt: found.rejectedAt,
      // A duplicate has no column of its own for the moment: its closing event carries it.
      duplicateAt: found.state === 'duplicate' ? (events.findLast((event) => event.kind === 'closed_duplicate')?.createdAt ?? null) : null,
    },
    workspace.name,
  )
  return {
    timeZone: zone ?? 'UTC',
    identityAsked: found.state === 'awaiting_subject' && (await identityAsked(tx, found.id)),
    request: {
      type: REQUEST_TYPES[found.type].label,
      state: found.state,
      stateLabel: REQUEST_STATES[found.state],
      due: deadlines ? formatDeadline(deadlines.effective) : null,
      extensionReason: found.extendedAt ? found.extensionReason : null,
      erasure: erasure ? { summary: erasure.summary, lines: erasure.lines.map((line) => line.text), backups: erasure.backups } : null,
      download: downloadUntil && exported ? { expiresAt: formatDayForSubject(downloadUntil, zone), bytes: Number(exported.bytes) } : null,
      // Assembled, not yet released by a member: say so, and nothing more (decision 008). A
      // request rejected or closed as a duplicate will never send it (the hourly expiry deletes it).
      underReview: exported !== null && !exported.releasedAt && !exported.deletedAt && !STOPPED_STATES.includes(found.state),
      closed: CLOSED_STATES.includes(found.state),
      duplicate,
    },
    steps: progress.steps.map((step, index) => ({
      key: step.key,
      label: step.label,
      detail: step.detail,
      at: step.at ? formatDayForSubject(step.at, zone) : null,
      current: index === progress.current,
    })),
    events: events.map((event) => ({
      id: event.id,
      author: SUBJECT_KINDS.includes(event.kind) ? 'You' : workspace.name,
      fromSubject: SUBJECT_KINDS.includes(event.kind),
      body: event.body,
      files: attachments.filter((file) => file.eventId === event.id).map((file) => file.fileName),
      at: formatForSubject(event.createdAt, zone),
    })),
  }
}

function earliest(...dates: (Date | undefined)[]): Date | null {
  const known = dates.filter((date): date is Date => date !== undefined)
  return known.length ? new Date(Math.min(...known.map((date) => date.getTime()))) : null
}
