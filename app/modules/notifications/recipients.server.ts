// Who gets an e-mail about work, computed when it is sent: the members of the transaction's
// workspace now (a member removed a minute ago is not among them), whose role may get the kind,
// and who did not turn it off (kinds.ts).
import type { Role } from '~/modules/auth/permissions'
import type { Tx } from '~/modules/db/tenant.server'
import { type NotificationKind, KINDS, receives } from './kinds'

export type Recipient = { userId: string; email: string; role: Role; timeZone: string | null }

/**
 * The members of the transaction's workspace who get `kind`, oldest member first. `only` narrows
 * them to those people (an assignee); `except` leaves out one (the member whose action it was).
 */
export async function membersToTell(
  tx: Tx,
  kind: NotificationKind,
  { only, except = null }: { only?: readonly string[]; except?: string | null } = {},
): Promise<Recipient[]> {
  const members = await tx.membership.findMany({
    where: { role: { in: [...KINDS[kind].audience] }, ...(only ? { userId: { in: [...only] } } : {}) },
    select: {
      workspaceId: true,
      userId: true,
      role: true,
      user: { select: { email: true, timeZone: true, notificationPreferences: { where: { kind }, select: { workspaceId: true, enabled: true } } } },
    },
    orderBy: { createdAt: 'asc' },
  })
  return members
    .filter((member) => member.userId !== except)
    .filter((member) => {
      const chosen = member.user.notificationPreferences.find((choice) => choice.workspaceId === member.workspaceId)
      return receives(kind, member.role, chosen?.enabled)
    })
    .map((member) => ({ userId: member.userId, email: member.user.email, role: member.role, timeZone: member.user.timeZone }))
}
