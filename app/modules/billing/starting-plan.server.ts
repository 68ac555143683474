// The plan a new workspace starts with when billing is on (issue 15): a Pro trial of TRIAL_DAYS,
// no card. The platform's own workspace (PLATFORM_WORKSPACE_SLUG) is Candor's, never billed: it
// has Business, granted with no end. Self-hosted (billing off) there is nothing to start:
// every workspace has every feature.
import { billingEnabled } from '~/modules/config/env.server'
import { TRIAL_DAYS } from './effective-plan'

const DAY_MS = 24 * 60 * 60 * 1000

export const PLATFORM_GRANT_REASON = 'The platform’s own workspace: Candor does not bill itself.'

type StartingPlan =
  | { trialEndsAt: Date }
  | { grantedPlan: 'business'; grantedUntil: null; grantedReason: string }
  | Record<string, never>

/** The billing columns of a workspace created at `createdAt`. */
export function startingPlan(createdAt: Date, isPlatform: boolean): StartingPlan {
  if (!billingEnabled()) return {}
  if (isPlatform) return { grantedPlan: 'business', grantedUntil: null, grantedReason: PLATFORM_GRANT_REASON }
  return { trialEndsAt: new Date(createdAt.getTime() + TRIAL_DAYS * DAY_MS) }
}
