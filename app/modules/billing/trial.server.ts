// The Pro trial every new workspace starts with when billing is on (issue 15): no card, TRIAL_DAYS
// long. Self-hosted (billing off) there is nothing to try: every workspace has every feature.
import { billingEnabled } from '~/modules/config/env.server'
import { TRIAL_DAYS } from './effective-plan'

const DAY_MS = 24 * 60 * 60 * 1000

/** When the trial of a workspace created at `createdAt` ends; null when billing is off. */
export function trialEndFor(createdAt: Date): Date | null {
  return billingEnabled() ? new Date(createdAt.getTime() + TRIAL_DAYS * DAY_MS) : null
}
