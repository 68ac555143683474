// The reminders of a privacy request's deadline (dsar.remind): one step per reminder day of the
// workspace ("due within 7 days" opens when the desk first shows "7 days left", at the start of
// that day in the workspace's time zone) and one when the request becomes overdue; and the
// e-mail, which, like the team notices, names the reference, the type and the dates, never the
// requester. Pure.
import { addDays, describeDeadline, localDate, startOfLocalDay } from '~/modules/disclosure/deadlines'
import type { ReminderStep } from '~/modules/notifications/reminder-steps'
import { daysLeft } from './days-left'
import { type NoticeReason, deskLinkAndReason } from './team-notice-mail'

export const OVERDUE_STEP = 'overdue'

export const dueInStep = (days: number) => `due_in_${days}_day${days === 1 ? '' : 's'}`

const DUE_IN = /^due_in_(\d+)_days?$/

/**
 * The steps of a deadline ending at `dueAt` (exclusive): the workspace's reminder days, and the
 * days of reminders already sent for it under earlier settings (so that a step the settings no
 * longer list still counts as sent), then overdue.
 */
export function requestReminderSteps(
  { dueAt, timeZone, reminderDays, sent }: { dueAt: Date; timeZone: string; reminderDays: readonly number[]; sent: readonly string[] },
): ReminderStep[] {
  const sentDays = sent.flatMap((step) => {
    const days = DUE_IN.exec(step)?.[1]
    return days ? [Number(days)] : []
  })
  const lastDay = localDate(new Date(dueAt.getTime() - 1), timeZone)
  return [
    ...[...new Set([...reminderDays, ...sentDays])].map((days) => ({
      step: dueInStep(days),
      opensAt: startOfLocalDay(addDays(lastDay, -days), timeZone),
    })),
    { step: OVERDUE_STEP, opensAt: dueAt },
  ]
}

export type RequestReminderInput = {
  step: string
  reason: NoticeReason
  workspaceName: string
  timeZone: string
  reference: string
  requestType: string
  dueAt: Date
  now: Date
  /** The workspace's reminder days, as set when the e-mail is written. */
  reminderDays: readonly number[]
  deskUrl: string
}

function daysWords(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`
}

export function requestReminderMail(input: RequestReminderInput): { subject: string; text: string } {
  const left = daysLeft(input.dueAt, input.timeZone, input.now)
  const due = describeDeadline(input.dueAt, input.timeZone)
  const overdue = input.step === OVERDUE_STEP
  const when = overdue ? 'is overdue' : left.days === 0 ? 'is due today' : left.days === 1 ? 'is due tomorrow' : `is due in ${daysWords(left.days)}`
  const days = [...input.reminderDays].sort((a, b) => b - a)
  return {
    subject: `${input.workspaceName}: privacy request ${input.reference} ${when}`,
    text: [
      overdue
        ? `The answer to privacy request ${input.reference} was due by ${due}: it is ${left.label} and still open.`
        : `The answer to privacy request ${input.reference} is due by ${due}: ${left.label}.`,
      overdue
        ? 'This is the reminder sent once when a request becomes overdue.'
        : days.length > 0
          ? `This workspace sends reminders ${days.map(daysWords).join(', ')} before a deadline, and once a request is overdue.`
          : 'This workspace sends a reminder once a request is overdue.',
      '',
      `Workspace: ${input.workspaceName}`,
      `Reference: ${input.reference}`,
      `Type: ${input.requestType}`,
      '',
      ...deskLinkAndReason(input.deskUrl, input.reason),
    ].join('\n'),
  }
}
