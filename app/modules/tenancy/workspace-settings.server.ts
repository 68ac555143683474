// Workspace security settings: "require 2FA for every member" and the IP allowlist. Each change
// is one transaction with its audit entry (before and after).
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { twoFactorEnabled } from '~/modules/auth/two-factor.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { MemberRuleError } from './members.server'

export async function setRequireTwoFactor(member: Member, requireTwoFactor: boolean, origin: RequestOrigin) {
  if (requireTwoFactor && !(await withPlatform((tx) => twoFactorEnabled(tx, member.user.id)))) {
    throw new MemberRuleError(
      'Set up two-factor authentication for yourself first (Account → Two-factor authentication).',
    )
  }
  await withTenant(member.tenant, async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: { requireTwoFactor: true },
    })
    if (before.requireTwoFactor === requireTwoFactor) return
    // Turning it off is always allowed: a plan that lapsed never keeps a workspace stuck with a setting.
    if (requireTwoFactor) await requireEntitlement({ tx, workspaceId: member.workspace.id }, 'required_2fa')
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { requireTwoFactor } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.require_two_factor',
      target: { type: 'workspace', id: member.workspace.id },
      before,
      after: { requireTwoFactor },
    })
  })
}

/** Replace the allowlist with `entries` (already parsed and normalised). */
export async function setIpAllowlist(member: Member, entries: string[], origin: RequestOrigin) {
  await withTenant(member.tenant, async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: member.workspace.id },
      select: { ipAllowlist: true },
    })
    if (before.ipAllowlist.join('\n') === entries.join('\n')) return
    // Emptying the list is always allowed; a list kept from a higher plan still applies until then.
    if (entries.length > 0) await requireEntitlement({ tx, workspaceId: member.workspace.id }, 'ip_allowlist')
    await tx.workspace.update({ where: { id: member.workspace.id }, data: { ipAllowlist: entries } })
    await recordAudit(tx, { ...member.tenant, origin }, {
      action: 'workspace.ip_allowlist',
      target: { type: 'workspace', id: member.workspace.id },
      before,
      after: { ipAllowlist: entries },
    })
  })
}
