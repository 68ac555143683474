// The authorisation gate of every workspace page and action: the signed-in person must be a
// member of the workspace named in the URL (else 404, so a stranger learns nothing), and their
// role must allow `permission` (else 403). Checked afresh on every request, so a removed member
// loses the workspace at once. The workspace's IP allowlist applies, and a workspace that
// requires 2FA sends members without it to enrol. An operator looking in (impersonation) gets a
// read-only viewer's access.
import { type RouterContextProvider, data, redirect } from 'react-router'
import { requestInfoContext } from '~/modules/http/request-info'
import { allowedByList } from '~/modules/security/ip-allowlist'
import type { TenantContext } from '~/modules/db/tenant.server'
import { withUser } from '~/modules/db/tenant.server'
import { type CurrentUser, requireUser } from './current-user.server'
import { type Permission, type Role, can } from './permissions'
import { twoFactorEnabled } from './two-factor.server'
import { impersonatedWorkspace } from '~/modules/ops/operators.server'
import { BILLING_STATE_SELECT, planOf } from '~/modules/billing/entitlements.server'
import type { BillingState, EffectivePlan } from '~/modules/billing/effective-plan'

export type Member = CurrentUser & {
  role: Role
  workspace: { id: string; slug: string; name: string }
  /** The workspace's plan now (effectivePlan), read with the membership: no query of its own. */
  plan: EffectivePlan
  /** What withTenant needs to act for this member. */
  tenant: TenantContext
  /** Set when an operator is looking in, read-only: until when, and why. */
  impersonation: { endsAt: Date; reason: string } | null
}

export const NOT_FOUND_MESSAGE = 'There is nothing at this address.'

/** What requireMember reads of a loader's or action's arguments. */
export type WorkspaceRequest = {
  request: Request
  params: { slug?: string }
  context: Readonly<RouterContextProvider>
}

export async function requireMember(
  { request, params, context }: WorkspaceRequest,
  permission: Permission,
): Promise<Member> {
  const slug = params.slug ?? ''
  const current = await requireUser(request)
  const { membership, hasTwoFactor } = await withUser(current.user.id, async (tx) => ({
    membership: await tx.membership.findFirst({
      where: { userId: current.user.id, workspace: { slug, deletedAt: null } },
      select: {
        role: true,
        workspace: {
          select: { id: true, slug: true, name: true, requireTwoFactor: true, ipAllowlist: true, ...BILLING_STATE_SELECT },
        },
      },
    }),
    hasTwoFactor: await twoFactorEnabled(tx, current.user.id),
  }))
  if (!membership) return operatorLook({ request, context, current, slug }, permission)
  const { requireTwoFactor, ipAllowlist, ...row } = membership.workspace
  const { workspace, plan } = splitPlan(row)
  requireAllowedAddress(ipAllowlist, context)
  if (requireTwoFactor && !hasTwoFactor) {
    throw redirect(`/account/security?${new URLSearchParams({ required: workspace.name })}`)
  }
  requirePermission(membership.role, permission)
  return {
    ...current,
    role: membership.role,
    workspace,
    plan,
    tenant: { workspaceId: workspace.id, actor: { type: 'user', userId: current.user.id } },
    impersonation: null,
  }
}

/** An operator looking into the workspace: a viewer that may only read. Anyone else: 404. */
async function operatorLook(
  { request, context, current, slug }: Omit<WorkspaceRequest, 'params'> & { current: CurrentUser; slug: string },
  permission: Permission,
): Promise<Member> {
  const look = await impersonatedWorkspace(current, slug)
  if (!look) throw data(NOT_FOUND_MESSAGE, { status: 404 })
  const { requireTwoFactor: _, ipAllowlist, ...row } = look.workspace
  const { workspace, plan } = splitPlan(row)
  requireAllowedAddress(ipAllowlist, context)
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw data('The operator view is read-only: nothing can be changed from it.', { status: 403 })
  }
  requirePermission('viewer', permission)
  return {
    ...current,
    role: 'viewer',
    workspace,
    plan,
    tenant: { workspaceId: workspace.id, actor: { type: 'operator', userId: current.user.id } },
    impersonation: { endsAt: look.endsAt, reason: look.reason },
  }
}

/** The workspace's public fields and its plan, from the row read with BILLING_STATE_SELECT. */
function splitPlan<T extends BillingState & { id: string; slug: string; name: string }>(row: T) {
  return { workspace: { id: row.id, slug: row.slug, name: row.name }, plan: planOf(row) }
}

function requireAllowedAddress(ipAllowlist: string[], context: Readonly<RouterContextProvider>): void {
  const { clientIp } = context.get(requestInfoContext)
  if (!allowedByList(ipAllowlist, clientIp)) {
    throw data(
      `Your network address (${clientIp}) is not on this workspace’s IP allowlist. Ask an owner or admin to add it.`,
      { status: 403 },
    )
  }
}

/** For an action whose permission depends on the form: refuse (403) if `role` lacks it. */
export function requirePermission(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw data('Your role in this workspace does not allow this. Ask an owner or admin.', { status: 403 })
  }
}

/** The workspaces the person belongs to, by name. */
export async function listMemberships(userId: string) {
  return withUser(userId, (tx) =>
    tx.membership.findMany({
      where: { userId, workspace: { deletedAt: null } },
      select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
      orderBy: { workspace: { name: 'asc' } },
    }),
  )
}
