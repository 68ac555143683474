// What the operator console's workspace list shows: each workspace with its effective plan
// (effectivePlan, the one rule) and why it has it, and the facts behind it: the subscription's
// Stripe status, a trial's or grace period's end, a grant's end and reason.
import { effectivePlan } from '~/modules/billing/effective-plan'
import { PLANS } from '~/modules/billing/plans'
import { billingEnabled } from '~/modules/config/env.server'
import { listWorkspaces } from './operators.server'

const day = (date: Date) => date.toISOString().slice(0, 10)
const minute = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** One line per fact an operator needs about the plan; each says what it covers. */
function planFacts(w: Awaited<ReturnType<typeof listWorkspaces>>[number], now: Date): string[] {
  const facts: string[] = []
  if (w.subscribedPlan) {
    const cancel = w.cancelAt ? `, cancels ${day(w.cancelAt)}` : ''
    facts.push(`Subscription: ${PLANS[w.subscribedPlan].name}, Stripe status ${w.subscriptionStatus}${cancel}`)
  }
  if (w.trialEndsAt) facts.push(`Trial ${w.trialEndsAt > now ? 'until' : 'ended'} ${minute(w.trialEndsAt)}`)
  if (w.grantedPlan) {
    const until = w.grantedUntil ? `${w.grantedUntil > now ? 'until' : 'ended'} ${minute(w.grantedUntil)}` : 'with no end'
    facts.push(`Granted ${PLANS[w.grantedPlan].name} ${until}: ${w.grantedReason}`)
  }
  return facts
}

const SOURCE_LABEL = {
  'self-hosted': 'billing off: every feature',
  granted: 'granted',
  subscription: 'subscription',
  grace: 'payment failed: grace',
  trial: 'trial',
  free: 'no paid plan',
} as const

export type WorkspaceRow = Awaited<ReturnType<typeof workspacesView>>['workspaces'][number]

export async function workspacesView(operatorId: string, now = new Date()) {
  const billing = billingEnabled()
  const workspaces = await listWorkspaces(operatorId)
  return {
    billingEnabled: billing,
    /** The first day a grant may end on: tomorrow (UTC). */
    earliestGrantEnd: day(new Date(now.getTime() + 24 * 60 * 60 * 1000)),
    workspaces: workspaces.map((w) => {
      const effective = effectivePlan(w, now, billing)
      return {
        id: w.id,
        name: w.name,
        slug: w.slug,
        members: w._count.memberships,
        createdAt: day(w.createdAt),
        deleted: Boolean(w.deletedAt),
        requireTwoFactor: w.requireTwoFactor,
        plan: {
          name: PLANS[effective.plan].name,
          source: SOURCE_LABEL[effective.source],
          until: effective.until ? minute(effective.until) : null,
          facts: billing ? planFacts(w, now) : [],
        },
        hasGrant: w.grantedPlan !== null,
      }
    }),
  }
}
