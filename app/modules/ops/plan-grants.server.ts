// A plan an operator grants by hand (comped: a design partner, a nonprofit, a support gesture),
// until a date, with the reason; and ending one early. effectivePlan counts the grant (the best
// plan wins, so it never lowers a paying customer). Each change is recorded in the platform's
// audit log and in the workspace's, in the transaction that makes it.
import { z } from 'zod'
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { PlanId } from '~/modules/billing/plans'
import { enterWorkspace, withOperator } from '~/modules/db/tenant.server'
import { auditBoth } from './operators.server'

/** The longest grant: beyond it, a customer's plan is a contract, not a favour. */
export const GRANT_MAX_DAYS = 3 * 366
const DAY_MS = 24 * 60 * 60 * 1000

/** `YYYY-MM-DD` as that day's start in UTC, or null when it is no real date. */
function utcDay(text: string): Date | null {
  const day = new Date(`${text}T00:00:00.000Z`)
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? null : day
}

export const grantInput = z.object({
  workspaceId: z.uuid('Choose a workspace.'),
  plan: z.enum(['pro', 'business'], 'Choose Pro or Business.'),
  until: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const day = utcDay(text)
      if (!day) {
        ctx.addIssue({ code: 'custom', message: 'Enter the date the grant ends (YYYY-MM-DD).' })
        return z.NEVER
      }
      if (day.getTime() <= Date.now()) {
        ctx.addIssue({ code: 'custom', message: 'The grant must end in the future.' })
        return z.NEVER
      }
      if (day.getTime() > Date.now() + GRANT_MAX_DAYS * DAY_MS) {
        ctx.addIssue({ code: 'custom', message: 'A grant lasts at most 3 years.' })
        return z.NEVER
      }
      return day
    }),
  reason: z.string().trim().min(3, 'Write why the plan is granted (the ticket or the agreement).').max(500, 'Use at most 500 characters.'),
})

export const endGrantInput = z.object({ workspaceId: z.uuid('Choose a workspace.') })

const GRANT_FIELDS = { grantedPlan: true, grantedUntil: true, grantedReason: true } as const

/** Expected refusals, for the operator to read (the workspace is gone, there is no grant). */
export class PlanGrantRefusedError extends Error {}

type GrantFields = { grantedPlan: PlanId | null; grantedUntil: Date | null; grantedReason: string | null }

/**
 * Set the workspace's grant columns to `grant`, audited as `action` in both logs, in one
 * transaction; `refuse` may turn the change down from what is there now.
 */
async function changeGrant(
  operatorId: string,
  workspaceId: string,
  origin: RequestOrigin,
  action: 'workspace.plan_grant' | 'workspace.plan_grant_end',
  grant: GrantFields,
  refuse: (before: GrantFields) => string | null = () => null,
): Promise<void> {
  await withOperator(operatorId, async (tx) => {
    await enterWorkspace(tx, workspaceId)
    // Held to the commit: a second operator's change waits, and its audit's "before" is this one's "after".
    await tx.$queryRaw`SELECT id FROM workspace WHERE id = ${workspaceId}::uuid FOR UPDATE`
    const before = await tx.workspace.findFirst({ where: { id: workspaceId, deletedAt: null }, select: GRANT_FIELDS })
    if (!before) throw new PlanGrantRefusedError('That workspace does not exist or was deleted.')
    const refusal = refuse(before)
    if (refusal) throw new PlanGrantRefusedError(refusal)
    const after = await tx.workspace.update({ where: { id: workspaceId }, data: grant, select: GRANT_FIELDS })
    await enterWorkspace(tx, null)
    await auditBoth(tx, operatorId, workspaceId, origin, { action, target: { type: 'workspace', id: workspaceId }, before, after })
  })
}

/** Grant `plan` (input parsed by grantInput) to the workspace until the start (00:00 UTC) of the chosen day; replaces a grant. */
export async function grantPlan(operatorId: string, input: z.output<typeof grantInput>, origin: RequestOrigin): Promise<void> {
  const { workspaceId, plan, until, reason } = input
  await changeGrant(operatorId, workspaceId, origin, 'workspace.plan_grant', { grantedPlan: plan, grantedUntil: until, grantedReason: reason })
}

/** End the workspace's grant now; its plan falls back to what its subscription or trial gives. */
export async function endGrant(operatorId: string, input: z.output<typeof endGrantInput>, origin: RequestOrigin): Promise<void> {
  const none = { grantedPlan: null, grantedUntil: null, grantedReason: null }
  await changeGrant(operatorId, input.workspaceId, origin, 'workspace.plan_grant_end', none, (before) =>
    before.grantedPlan ? null : 'This workspace has no granted plan to end.',
  )
}
