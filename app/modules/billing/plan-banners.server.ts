// What the dashboard frame tells every member about the plan: a payment that failed (the plan
// kept until the grace period ends), a trial that runs, and a year's privacy requests beyond the
// plan's number. All are computed from effectivePlan and the real count; none blocks anyone.
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { upgradeLinkFor, limitUsage } from './entitlements.server'
import type { EffectivePlan } from './effective-plan'
import { PLANS } from './plans'

export type PlanBanner = { tone: 'warning' | 'info'; text: string; link: { href: string; label: string } | null }

const day = (date: Date) => date.toISOString().slice(0, 10)

/** The grace or trial banner of `plan`, or null. `billing` is the billing page for those who may manage it. */
export function graceOrTrialBanner(plan: EffectivePlan, billing: string | null): PlanBanner | null {
  const name = PLANS[plan.plan].name
  if (plan.source === 'grace' && plan.until) {
    return {
      tone: 'warning',
      text: `Payment failed: this workspace keeps ${name} until ${day(plan.until)} while the payment is retried, then moves to Free.`,
      link: billing ? { href: billing, label: 'Update the payment method' } : null,
    }
  }
  if (plan.source === 'trial' && plan.until) {
    return {
      tone: 'info',
      text: `${name} trial until ${day(plan.until)}; then Free unless a plan is chosen.`,
      link: billing ? { href: billing, label: 'Choose a plan' } : null,
    }
  }
  return null
}

/** Every plan banner for this member's view of the workspace (one count only when the plan caps requests). */
export async function planBanners(member: Member): Promise<PlanBanner[]> {
  const billing = upgradeLinkFor(member)
  const banners = [graceOrTrialBanner(member.plan, billing)].filter((banner) => banner !== null)
  if (PLANS[member.plan.plan].limits.requestsPerYear !== null) {
    const usage = await withTenant(member.tenant, (tx) =>
      limitUsage({ tx, workspaceId: member.workspace.id }, 'requestsPerYear', member.plan),
    )
    if (usage.full) {
      banners.push({
        tone: 'warning',
        text: `This workspace received ${usage.used} privacy requests in the last 12 months; the ${PLANS[member.plan.plan].name} plan includes ${usage.cap}. Requests keep arriving and are handled as usual (the law applies whatever the plan); the plan should grow with them.`,
        link: billing ? { href: billing, label: 'Upgrade the plan' } : null,
      })
    }
  }
  return banners
}
