// The privacy settings' reminder days: how many days before a privacy request's deadline the
// members working it are e-mailed (dsar.remind; once more when it is overdue). Validated once
// here for the page, saved with its audit entry in one transaction.
import { z } from 'zod'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'

export const MAX_REMINDER_DAYS = 4
export const LATEST_REMINDER_DAY = 60

const WRONG_DAY = `Write each reminder day as a whole number of days from 1 to ${LATEST_REMINDER_DAY}, separated by commas, e.g. “7, 2”.`

export const reminderDaysInput = z.object({
  reminderDays: z
    .string(WRONG_DAY)
    .max(100, `List at most ${MAX_REMINDER_DAYS} reminder days, e.g. “7, 2”.`)
    .transform((text, ctx) => {
      const words = text.split(/[\s,]+/).filter(Boolean)
      if (!words.every((word) => /^\d{1,2}$/.test(word) && Number(word) >= 1 && Number(word) <= LATEST_REMINDER_DAY)) {
        ctx.addIssue({ code: 'custom', message: WRONG_DAY })
        return z.NEVER
      }
      const days = [...new Set(words.map(Number))].sort((a, b) => b - a)
      if (days.length > MAX_REMINDER_DAYS) {
        ctx.addIssue({ code: 'custom', message: `List at most ${MAX_REMINDER_DAYS} reminder days, e.g. “7, 2”.` })
        return z.NEVER
      }
      return days
    }),
})

/** The days as the form shows them: "7, 2". */
export const reminderDaysText = (days: readonly number[]) => days.join(', ')

export async function saveReminderDays(member: Member, reminderDays: number[], origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id }, select: { requestReminderDays: true } })
    if (before.requestReminderDays.join() === reminderDays.join()) return
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { requestReminderDays: reminderDays } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'privacy.reminder_days',
      target: { type: 'workspace', id: member.workspace.id },
      before,
      after: { requestReminderDays: reminderDays },
    })
  })
}
