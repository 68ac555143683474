// The sentence shown at the top of the action panel after an action. The redirect names the
// action (?done=assign); the sentence is built from the request as it is now, and only when
// this member's latest timeline event on it is that action, made in the last few minutes: a
// copied or stale link shows nothing rather than something that did not happen.
import type { Member } from '~/modules/auth/member.server'
import { lastDayOf } from '~/modules/dsar/inbox.server'
import { type Deadline, formatDeadline } from '~/modules/dsar/request-deadline.server'

export type ActionOutcome = { message: string }

const RECENT_MS = 10 * 60_000

type OutcomeRow = {
  state: string
  dueAt: Date | null
  assignee: { id: string; email: string } | null
  events: { kind: string; createdAt: Date; actor: { id: string } | null }[]
}

/** The event kinds each action writes (its timeline entry by the member). */
const EVENT_OF: Record<string, string[]> = {
  assign: ['assigned'],
  note: ['note'],
  reply: ['message'],
  ask: ['asked_identity', 'asked_clarification'],
  extend: ['extended'],
  reject: ['rejected'],
  complete: ['completed'],
  complete_task: ['task_done'],
  retry_task: ['task_retried'],
  confirm_backups: ['backups_confirmed'],
  release_export: ['export_released'],
  assemble_again: ['export_sent_back'],
}

export function outcomeOf(
  done: string,
  { row, member, timeZone, now }: { row: OutcomeRow; member: Member; timeZone: string; now: Date },
): ActionOutcome | null {
  // Own keys only: ?done=toString must not reach Object.prototype.
  const kinds = Object.hasOwn(EVENT_OF, done) ? EVENT_OF[done] : undefined
  const mine = row.events.filter((event) => event.actor?.id === member.user.id).at(-1)
  if (!kinds || !mine || !kinds.includes(mine.kind) || now.getTime() - mine.createdAt.getTime() > RECENT_MS) return null
  switch (done) {
    case 'assign':
      return {
        message: !row.assignee
          ? 'Nobody is assigned to this request now.'
          : row.assignee.id === member.user.id
            ? 'Assigned to you.'
            : `Assigned to ${row.assignee.email}.`,
      }
    case 'note':
      return { message: 'Note added to the timeline (staff only).' }
    case 'reply':
      return { message: 'Reply sent to the requester: it is on their status page, and the e-mail is queued.' }
    case 'ask':
      return {
        message:
          row.state === 'awaiting_subject'
            ? 'Question sent to the requester: the request waits for their answer.'
            : 'Question sent to the requester.',
      }
    case 'extend': {
      if (!row.dueAt) return null
      const day = lastDayOf(row.dueAt, timeZone)
      return { message: `Deadline extended to ${formatDeadline({ date: day } as Deadline)} (${day}); the requester is e-mailed the new date and the reason.` }
    }
    case 'reject':
      return row.state === 'rejected' ? { message: 'Request rejected; the requester is e-mailed the ground and where to complain.' } : null
    case 'complete':
      return row.state === 'completed' ? { message: 'Request completed; the requester is e-mailed the outcome.' } : null
    case 'complete_task':
      return { message: 'Task marked done.' }
    case 'retry_task':
      return { message: 'Task queued to run again.' }
    case 'confirm_backups':
      return { message: 'Backups confirmed for this system; once every system is past its backups stage, the requester is e-mailed.' }
    case 'release_export':
      return { message: 'Export sent to the requester: they are e-mailed a link to download it.' }
    case 'assemble_again':
      return { message: 'Export sent back: every task runs again and a new export is assembled.' }
    default:
      return null
  }
}
