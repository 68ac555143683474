// The platform's own staff. An operator is a person whose e-mail is in OPERATOR_EMAILS (empty:
// nobody) and who uses 2FA. Operators list workspaces and may look into one, read-only, for at
// most 30 minutes with a written reason; starting and ending that is recorded in the platform's
// audit log and in the customer's, in one transaction.
import { BILLING_STATE_SELECT } from '~/modules/billing/entitlements.server'
import { data } from 'react-router'
import { z } from 'zod'
import { type AuditInput, type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { type CurrentUser, requireUser } from '~/modules/auth/current-user.server'
import { twoFactorEnabled } from '~/modules/auth/two-factor.server'
import { env } from '~/modules/config/env.server'
import { type Tx, enterWorkspace, withOperator, withPlatform } from '~/modules/db/tenant.server'

export const IMPERSONATION_MAX_MINUTES = 30

export const isOperator = (email: string) => env().OPERATOR_EMAILS.includes(email.toLowerCase())

/** The signed-in operator, or 404 for everyone else (the console does not exist for them). */
export async function requireOperator(request: Request): Promise<CurrentUser> {
  const current = await requireUser(request)
  if (!isOperator(current.user.email)) throw data('There is nothing at this address.', { status: 404 })
  if (!(await withPlatform((tx) => twoFactorEnabled(tx, current.user.id)))) {
    throw data('Operators must turn on two-factor authentication (Account → Two-factor) first.', { status: 403 })
  }
  return current
}

export async function listWorkspaces(operatorId: string) {
  return withOperator(operatorId, (tx) =>
    tx.workspace.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        createdAt: true,
        deletedAt: true,
        requireTwoFactor: true,
        subscribedPlan: true,
        subscriptionStatus: true,
        pastDueSince: true,
        cancelAt: true,
        trialEndsAt: true,
        grantedPlan: true,
        grantedUntil: true,
        grantedReason: true,
        _count: { select: { memberships: true } },
      },
      orderBy: { createdAt: 'desc' },
    }),
  )
}

export const impersonationInput = z.object({
  workspaceId: z.uuid(),
  reason: z.string().trim().min(10, 'Write why you need to look (at least 10 characters), e.g. the ticket.').max(500),
  minutes: z.coerce.number().int().min(1).max(IMPERSONATION_MAX_MINUTES, `At most ${IMPERSONATION_MAX_MINUTES} minutes.`),
})

/**
 * Record an operator action in the platform's log and in the workspace's, in `tx` (which works
 * for the platform when called, and again afterwards).
 */
export async function auditBoth(tx: Tx, operatorId: string, workspaceId: string, origin: RequestOrigin, input: AuditInput) {
  const actor = { type: 'operator', userId: operatorId } as const
  await recordAudit(tx, { workspaceId: null, actor, origin }, input)
  await enterWorkspace(tx, workspaceId)
  await recordAudit(tx, { workspaceId, actor, origin }, input)
  await enterWorkspace(tx, null)
}

/** Start a read-only look into a workspace; returns its slug. */
export async function startImpersonation(
  current: CurrentUser,
  input: z.input<typeof impersonationInput>,
  origin: RequestOrigin,
): Promise<string> {
  const { workspaceId, reason, minutes } = impersonationInput.parse(input)
  const endsAt = new Date(Date.now() + minutes * 60_000)
  return withOperator(current.user.id, async (tx) => {
    const workspace = await tx.workspace.findFirst({ where: { id: workspaceId, deletedAt: null } })
    if (!workspace) throw data('That workspace does not exist or was deleted.', { status: 404 })
    await tx.session.update({
      where: { id: current.session.id },
      data: { impersonatedWorkspaceId: workspaceId, impersonationReason: reason, impersonationEndsAt: endsAt },
    })
    await auditBoth(tx, current.user.id, workspaceId, origin, {
      action: 'operator.impersonation_start',
      target: { type: 'workspace', id: workspaceId },
      before: { impersonating: null },
      after: { impersonating: workspace.slug, reason, endsAt: endsAt.toISOString(), readOnly: true },
    })
    return workspace.slug
  })
}

export async function endImpersonation(current: CurrentUser, origin: RequestOrigin): Promise<void> {
  const workspaceId = current.session.impersonatedWorkspaceId
  if (!workspaceId) return
  await withOperator(current.user.id, async (tx) => {
    await tx.session.update({
      where: { id: current.session.id },
      data: { impersonatedWorkspaceId: null, impersonationReason: null, impersonationEndsAt: null },
    })
    await auditBoth(tx, current.user.id, workspaceId, origin, {
      action: 'operator.impersonation_end',
      target: { type: 'workspace', id: workspaceId },
      before: { impersonating: workspaceId },
      after: { impersonating: null },
    })
  })
}

/**
 * The workspace named by `slug` if this operator's session is looking into it right now (the
 * look has not expired and the person is still an operator), else null.
 */
export async function impersonatedWorkspace(current: CurrentUser, slug: string) {
  const { impersonatedWorkspaceId, impersonationEndsAt, impersonationReason } = current.session
  if (!impersonatedWorkspaceId || !impersonationEndsAt || impersonationEndsAt <= new Date()) return null
  if (!isOperator(current.user.email)) return null
  const workspace = await withOperator(current.user.id, (tx) =>
    tx.workspace.findFirst({
      where: { id: impersonatedWorkspaceId, slug, deletedAt: null },
      select: { id: true, slug: true, name: true, requireTwoFactor: true, ipAllowlist: true, ...BILLING_STATE_SELECT },
    }),
  )
  return workspace ? { workspace, endsAt: impersonationEndsAt, reason: impersonationReason ?? '' } : null
}
