// What the members page shows: every member with whether they have two-factor authentication on
// (a confirmed authenticator app, as the 2FA live check counts it), or only those without it
// (?twoFactor=off, where that check's fix link leads), and the open invitations.
import { z } from 'zod'
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'

const membersQuery = z.object({
  twoFactor: z.literal('off', 'The list can only be narrowed to the members without two-factor authentication (twoFactor=off).').optional(),
})
export type TwoFactorFilter = 'off' | null

/** The page's filter from its address; a bad value comes back as its message (the page then shows everyone). */
export function parseMembersQuery(search: URLSearchParams): { twoFactor: TwoFactorFilter; error: string | null } {
  const parsed = membersQuery.safeParse({ twoFactor: search.get('twoFactor') ?? undefined })
  return parsed.success
    ? { twoFactor: parsed.data.twoFactor ?? null, error: null }
    : { twoFactor: null, error: parsed.error.issues[0]?.message ?? 'Unknown filter.' }
}

export async function membersPage(member: Member, twoFactor: TwoFactorFilter) {
  const [workspace, memberships, invitations] = await withTenant(member.tenant, (tx) =>
    Promise.all([
      tx.workspace.findUniqueOrThrow({ where: { id: member.workspace.id }, select: { requireTwoFactor: true } }),
      tx.membership.findMany({
        select: {
          id: true,
          role: true,
          userId: true,
          user: { select: { name: true, email: true, totp: { select: { confirmedAt: true } } } },
        },
        orderBy: { createdAt: 'asc' },
      }),
      tx.invitation.findMany({
        where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        select: { id: true, email: true, role: true, expiresAt: true },
        orderBy: { createdAt: 'desc' },
      }),
    ]),
  )
  const everyone = memberships.map(({ user: { totp, ...user }, ...membership }) => ({
    ...membership,
    user,
    twoFactorOn: Boolean(totp?.confirmedAt),
  }))
  const shown = twoFactor === 'off' ? everyone.filter((m) => !m.twoFactorOn) : everyone
  return {
    twoFactor: {
      filter: twoFactor,
      required: workspace.requireTwoFactor,
      /** May change the "require 2FA" setting (the page links to it when it is off). */
      mayRequire: can(member.role, 'security.require_2fa'),
      counts: { all: everyone.length, without: everyone.filter((m) => !m.twoFactorOn).length },
    },
    members: shown,
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString().slice(0, 10) })),
  }
}
