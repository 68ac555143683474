// A reminder is sent once per subject, deadline and step (reminder_sent). The hourly jobs claim
// a reminder in the transaction that queues its e-mails: a retry, or a second worker running the
// same job, finds the claim and sends nothing; a job killed before its commit leaves no claim,
// and the next run sends it.
import type { Tx } from '~/modules/db/tenant.server'

export type ReminderKey = {
  workspaceId: string
  /** What the deadline belongs to: 'privacy_request', 'vulnerability_report', 'incident', … */
  subjectType: string
  subjectId: string
  /** The deadline the reminder is about: a new deadline (an extension) gets its own reminders. */
  deadline: Date
  /** 'due_in_7_days', 'overdue', '24h', … */
  step: string
}

/** Claim the reminder; true when this call is the first, so the caller sends it in `tx`. */
export async function claimReminder(tx: Tx, key: ReminderKey, recipients: number): Promise<boolean> {
  const { count } = await tx.reminderSent.createMany({ data: [{ ...key, recipients }], skipDuplicates: true })
  return count === 1
}
