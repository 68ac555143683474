// Which reminder of a deadline is due, from the deadline's steps ("due in 7 days", "due in 2
// days", "overdue"), each opening at an instant. Pure: the hourly jobs call it with their `now`.
// One e-mail per run and deadline at most: when runs were missed and several steps opened since,
// only the most urgent is sent, and a step is never sent after a more urgent one.

export type ReminderStep = {
  /** Its name in reminder_sent: 'due_in_7_days', 'overdue', … */
  step: string
  /** From this instant the step applies (a deadline's own step opens at the deadline). */
  opensAt: Date
}

/**
 * The step to send at `now`, or null. It is the most urgent step open at `now`; nothing is sent
 * when that step opened before the clock started (a deadline already that close when it began
 * is announced by the e-mail that tells of the new work, not by a reminder), or when a step at
 * least as urgent is in `sent` (the steps already sent for this deadline).
 */
export function stepToSend(
  steps: readonly ReminderStep[],
  { startedAt, now, sent }: { startedAt: Date; now: Date; sent: readonly string[] },
): string | null {
  const byUrgency = [...steps].sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
  const current = byUrgency.filter((step) => step.opensAt <= now).at(-1)
  if (!current || current.opensAt <= startedAt) return null
  const coveredBy = (name: string) => byUrgency.some((step) => step.step === name && step.opensAt >= current.opensAt)
  return sent.some(coveredBy) ? null : current.step
}
