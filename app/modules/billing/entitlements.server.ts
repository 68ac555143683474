// The one check of what a workspace's plan allows: requireEntitlement, called inside the
// transaction that adds the thing (so the count and the insert agree), by actions, jobs and the
// API alike. The plan comes from effectivePlan over the workspace's billing columns (one read by
// primary key). Going down a plan deletes nothing: what is over a limit stays, and only adding
// more is refused. A data subject is never refused: nothing on the subject's path calls this.
import { billingEnabled } from '~/modules/config/env.server'
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { billingPath } from './billing-path'
import { type BillingState, type EffectivePlan, effectivePlan } from './effective-plan'
import { FEATURES, type Feature, LIMITS, type Limit, PLANS, type PlanId, cheapestPlanWith, hasFeature, limitOf } from './plans'

/** A limit that refuses one more. The yearly request count never refuses (a subject is never blocked): it only warns. */
export type CountedLimit = Exclude<Limit, 'requestsPerYear'>
export type Entitlement = Feature | CountedLimit

/** Stable codes, the same in the dashboard and the API. */
export type RefusalCode = 'plan_feature_missing' | 'plan_limit_reached'

export class EntitlementRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly entitlement: Entitlement,
    message: string,
  ) {
    super(message)
  }
}

/** The transaction to check in and the workspace it works for. */
export type EntitlementContext = { tx: Tx; workspaceId: string }

export const BILLING_STATE_SELECT = {
  subscribedPlan: true,
  subscriptionStatus: true,
  pastDueSince: true,
  trialEndsAt: true,
  grantedPlan: true,
  grantedUntil: true,
} as const

/** The workspace's plan now, from a row the caller already read with BILLING_STATE_SELECT. */
export const planOf = (state: BillingState, now = new Date()): EffectivePlan => effectivePlan(state, now, billingEnabled())

/** The workspace's plan now: one read of its row by primary key. */
export async function workspacePlan({ tx, workspaceId }: EntitlementContext, now = new Date()): Promise<EffectivePlan> {
  const state = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: BILLING_STATE_SELECT })
  return planOf(state, now)
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000

/** How many of `limit` the workspace holds now, counted the way the limit is stated. */
export async function countOf({ tx, workspaceId }: EntitlementContext, limit: Limit, now = new Date()): Promise<number> {
  switch (limit) {
    case 'members': {
      const [members, invitations] = await Promise.all([
        tx.membership.count({ where: { workspaceId } }),
        tx.invitation.count({ where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
      ])
      return members + invitations
    }
    case 'requestsPerYear':
      return tx.privacyRequest.count({ where: { workspaceId, receivedAt: { gt: new Date(now.getTime() - YEAR_MS) } } })
    case 'documents':
      return tx.trustDocument.count({ where: { workspaceId, removedAt: null } })
    case 'webhookEndpoints':
      return tx.webhookEndpoint.count({ where: { workspaceId, disabledAt: null } })
    case 'apiKeys':
      return tx.apiKey.count({ where: { workspaceId, revokedAt: null } })
  }
}

/** A limit's state for a page: how many, the cap (null: none), and whether adding is refused. */
export type LimitUsage = { limit: Limit; used: number; cap: number | null; full: boolean; over: boolean; message: string | null }

export async function limitUsage(ctx: EntitlementContext, limit: Limit, plan?: EffectivePlan): Promise<LimitUsage> {
  const { plan: id } = plan ?? (await workspacePlan(ctx))
  const cap = limitOf(id, limit)
  const used = await countOf(ctx, limit)
  const full = cap !== null && used >= cap
  const over = cap !== null && used > cap
  const allows = cap === 0 ? `includes no ${LIMITS[limit]}` : `allows ${cap} ${LIMITS[limit]}`
  const message = !full
    ? null
    : over
      ? `The ${PLANS[id].name} plan ${allows}; this workspace has ${used}. They all stay, but none can be added.`
      : cap === 0
        ? `The ${PLANS[id].name} plan ${allows}.`
        : `The ${PLANS[id].name} plan ${allows}, and this workspace has reached it.`
  return { limit, used, cap, full, over, message }
}

/** Why `plan` lacks `feature`, or null if it has it. */
export function featureRefusal(plan: PlanId, feature: Feature): EntitlementRefused | null {
  if (hasFeature(plan, feature)) return null
  return new EntitlementRefused(
    'plan_feature_missing',
    feature,
    `${FEATURES[feature]} is part of the ${cheapestPlanWith(feature).name} plan; this workspace is on ${PLANS[plan].name}.`,
  )
}

/** Why the plan refuses `entitlement` now, or null if it allows it. */
export async function refusalOf(ctx: EntitlementContext, entitlement: Entitlement): Promise<EntitlementRefused | null> {
  const plan = await workspacePlan(ctx)
  if (entitlement in FEATURES) return featureRefusal(plan.plan, entitlement as Feature)
  // One adder at a time per workspace and limit, so two at once cannot both pass the count.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`entitlement:${entitlement}:${ctx.workspaceId}`}, 0))`
  const usage = await limitUsage(ctx, entitlement as CountedLimit, plan)
  if (!usage.full) return null
  return new EntitlementRefused('plan_limit_reached', entitlement, `${usage.message} Upgrade the plan to add more.`)
}

/** Throw EntitlementRefused unless the workspace's plan allows `entitlement` now. */
export async function requireEntitlement(ctx: EntitlementContext, entitlement: Entitlement): Promise<void> {
  const refusal = await refusalOf(ctx, entitlement)
  if (refusal) throw refusal
}

/** The billing page for a member who may change the plan; null for the others. */
export const upgradeLinkFor = (member: Pick<Member, 'role' | 'workspace'>) =>
  can(member.role, 'billing.manage') ? billingPath(member.workspace.slug) : null

/** What the dashboard says of a refusal: the message and, for who may change the plan, the billing page. */
export const refusalAlert = (refusal: EntitlementRefused, member: Pick<Member, 'role' | 'workspace'>) => ({
  error: refusal.message,
  upgrade: upgradeLinkFor(member) ?? undefined,
})

export type PlanNotice = { message: string | null; upgrade: string | null }

/**
 * For a page listing `limit`'s resources: what to say once the plan's limit is reached, or that
 * the plan lacks `feature` (what exists stays, but does not work until the plan includes it).
 */
export async function limitNotice(member: Member, limit: Limit, feature?: Feature): Promise<PlanNotice> {
  const ctx = (tx: Tx) => ({ tx, workspaceId: member.workspace.id })
  const { plan, usage } = await withTenant(member.tenant, async (tx) => {
    const plan = await workspacePlan(ctx(tx))
    return { plan, usage: await limitUsage(ctx(tx), limit, plan) }
  })
  const missing = feature ? featureRefusal(plan.plan, feature) : null
  const message = missing ? `${missing.message} What this workspace already has is kept.` : usage.message
  return { message, upgrade: message ? upgradeLinkFor(member) : null }
}
