// The invited person's side: the open invitations addressed to their e-mail, and accepting one.
// Row-level security shows a person only the invitations sent to the address they signed in
// with, so a forwarded invitation is invisible to anyone else.
import { randomUUID } from 'node:crypto'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { CurrentUser } from '~/modules/auth/current-user.server'
import { withTenant, withUser } from '~/modules/db/tenant.server'
import { MemberRuleError } from './members.server'

export async function openInvitationsFor(userId: string) {
  return withUser(userId, (tx) =>
    tx.invitation.findMany({
      where: {
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
        workspace: { deletedAt: null },
      },
      select: { id: true, role: true, workspace: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
    }),
  )
}

export async function findInvitation(userId: string, invitationId: string) {
  return withUser(userId, (tx) =>
    tx.invitation.findUnique({
      where: { id: invitationId },
      select: {
        id: true,
        role: true,
        workspaceId: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        workspace: { select: { name: true, slug: true, deletedAt: true } },
      },
    }),
  )
}

/** Why an invitation cannot be accepted, in words, or null if it can. */
export function invitationProblem(invitation: NonNullable<Awaited<ReturnType<typeof findInvitation>>>) {
  if (invitation.acceptedAt) return 'This invitation has already been accepted.'
  if (invitation.revokedAt || invitation.workspace.deletedAt) return 'This invitation was withdrawn.'
  if (invitation.expiresAt <= new Date()) return 'This invitation has expired. Ask for a new one.'
  return null
}

/** Join the workspace; returns its slug. `name` is asked of people who have none yet. */
export async function acceptInvitation(
  current: CurrentUser,
  invitationId: string,
  name: string | undefined,
  origin: RequestOrigin,
): Promise<string> {
  const invitation = await findInvitation(current.user.id, invitationId)
  if (!invitation) throw new MemberRuleError(`This invitation was not sent to ${current.user.email}.`)
  const problem = invitationProblem(invitation)
  if (problem) throw new MemberRuleError(problem)
  const actor = { type: 'user', userId: current.user.id } as const
  await withTenant({ workspaceId: invitation.workspaceId, actor }, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    })
    if (count !== 1) throw new MemberRuleError('This invitation is no longer open.')
    if (name && !current.user.name) await tx.user.update({ where: { id: current.user.id }, data: { name } })
    const already = await tx.membership.findFirst({ where: { userId: current.user.id } })
    if (!already) {
      await tx.membership.create({
        data: { id: randomUUID(), workspaceId: invitation.workspaceId, userId: current.user.id, role: invitation.role },
      })
    }
    await recordAudit(tx, { workspaceId: invitation.workspaceId, actor, origin }, {
      action: 'member.join',
      target: { type: 'invitation', id: invitation.id },
      after: { email: current.user.email, role: already?.role ?? invitation.role },
    })
  })
  return invitation.workspace.slug
}
