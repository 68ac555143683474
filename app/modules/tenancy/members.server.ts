// Managing who is in a workspace: invitations (bound to the invited e-mail, single use, 7 days),
// role changes, removal, ownership transfer, and deletion of the workspace. Each runs in one
// transaction for the workspace with its audit entry. The route has checked the permission;
// the rules that depend on the people involved (only an owner touches an owner, a workspace
// keeps an owner) are checked here.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Role, canAssignRole } from '~/modules/auth/permissions'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { queueEmail } from '~/modules/email/email.server'
import { type RateLimit, requireUnderLimits } from '~/modules/security/rate-limit.server'

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Each invitation is an e-mail Candor sends with a name and a workspace name the inviter chose,
 * so it is limited: per person inviting (in any workspace) and per workspace, each hour.
 */
export const INVITATION_LIMITS = {
  perInviter: { name: 'invite.inviter', limit: 20, windowSeconds: 60 * 60 },
  perWorkspace: { name: 'invite.workspace', limit: 50, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimit>

/** A refusal to show the person as it is. */
export class MemberRuleError extends Error {}

export const inviteInput = z.object({
  email: z.email('Enter a valid e-mail address').max(320).toLowerCase(),
  role: z.enum(['admin', 'agent', 'viewer'], 'Choose a role'),
})

export async function inviteMember(
  member: Member,
  input: z.input<typeof inviteInput>,
  appOrigin: string,
  origin: RequestOrigin,
): Promise<void> {
  const { email, role } = inviteInput.parse(input)
  if (!canAssignRole(member.role, 'viewer', role)) throw new MemberRuleError('Your role cannot invite people with that role.')
  await withTenant(member.tenant, async (tx) => {
    const existing = await tx.membership.findFirst({ where: { user: { email } }, select: { id: true } })
    if (existing) throw new MemberRuleError(`${email} is already a member.`)
    await requireUnderLimits(
      tx,
      [
        [INVITATION_LIMITS.perInviter, member.user.id],
        [INVITATION_LIMITS.perWorkspace, member.workspace.id],
      ],
      'Too many invitations were sent in the last hour.',
    )
    await tx.invitation.updateMany({
      where: { email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    // Counted after a repeated invitation to the same address is withdrawn, so it is not counted twice.
    await requireEntitlement({ tx, workspaceId: member.workspace.id }, 'members')
    const invitation = await tx.invitation.create({
      data: {
        id: randomUUID(),
        workspaceId: member.workspace.id,
        email,
        role,
        invitedBy: member.user.id,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      },
    })
    await queueEmail(tx, member.workspace.id, {
      to: email,
      subject: `${member.user.name ?? member.user.email} invited you to ${member.workspace.name} on Candor`,
      text: [
        `${member.user.name ?? member.user.email} invited you to join ${member.workspace.name} on Candor as ${role}.`,
        '',
        `Accept the invitation: ${appOrigin}/invitations/${invitation.id}`,
        '',
        `Sign in with this e-mail address (${email}) to accept it. It expires in 7 days.`,
      ].join('\n'),
    })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'member.invite',
      target: { type: 'invitation', id: invitation.id },
      after: { email, role },
    })
  })
}

export async function revokeInvitation(member: Member, invitationId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    if (count === 0) throw new MemberRuleError('That invitation is no longer open.')
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'member.invitation_revoke',
      target: { type: 'invitation', id: invitationId },
    })
  })
}

async function findMembership(tx: Tx, membershipId: string) {
  const target = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { id: true, role: true, userId: true, user: { select: { email: true } } },
  })
  if (!target) throw new MemberRuleError('That person is not a member of this workspace.')
  return target
}

async function assertAnotherOwner(tx: Tx) {
  if ((await tx.membership.count({ where: { role: 'owner' } })) < 2) {
    throw new MemberRuleError('A workspace needs an owner: make someone else owner first.')
  }
}

export async function changeRole(member: Member, membershipId: string, to: Role, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const target = await findMembership(tx, membershipId)
    if (target.role === to) return
    if (!canAssignRole(member.role, target.role, to)) {
      throw new MemberRuleError('Only an owner can change an owner’s role or make someone owner.')
    }
    if (target.role === 'owner') await assertAnotherOwner(tx)
    await tx.membership.update({ where: { id: target.id }, data: { role: to } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'member.role_change',
      target: { type: 'membership', id: target.id },
      before: { email: target.user.email, role: target.role },
      after: { email: target.user.email, role: to },
    })
  })
}

/** Remove a member: from their next request on, none of their sessions opens this workspace. */
export async function removeMember(member: Member, membershipId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const target = await findMembership(tx, membershipId)
    if (target.userId === member.user.id) throw new MemberRuleError('You cannot remove yourself.')
    if (target.role === 'owner' && member.role !== 'owner') throw new MemberRuleError('Only an owner can remove an owner.')
    if (target.role === 'owner') await assertAnotherOwner(tx)
    await tx.membership.delete({ where: { id: target.id } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'member.remove',
      target: { type: 'membership', id: target.id },
      before: { email: target.user.email, role: target.role },
    })
  })
}

/** The owner hands ownership to another member and becomes an admin. */
export async function transferOwnership(member: Member, membershipId: string, origin: RequestOrigin): Promise<void> {
  await withTenant(member.tenant, async (tx) => {
    const target = await findMembership(tx, membershipId)
    if (target.userId === member.user.id) throw new MemberRuleError('You are already an owner.')
    const self = await tx.membership.findFirstOrThrow({ where: { userId: member.user.id } })
    await tx.membership.update({ where: { id: target.id }, data: { role: 'owner' } })
    await tx.membership.update({ where: { id: self.id }, data: { role: 'admin' } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.transfer',
      target: { type: 'membership', id: target.id },
      before: { owner: member.user.email },
      after: { owner: target.user.email, previousOwnerRole: 'admin' },
    })
  })
}

/** Close the workspace for good: everyone loses it at once. Its data stays until purged. */
export async function deleteWorkspace(member: Member, typedSlug: string, origin: RequestOrigin): Promise<void> {
  if (typedSlug.trim() !== member.workspace.slug) {
    throw new MemberRuleError(`Type the workspace address, ${member.workspace.slug}, to confirm.`)
  }
  await withTenant(member.tenant, async (tx) => {
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { deletedAt: new Date() } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.delete',
      target: { type: 'workspace', id: member.workspace.id },
      after: { slug: member.workspace.slug },
    })
  })
}
