// Which billing notice a workspace is due today, from its billing state (pure). A notice is due
// only when the end it announces changes the workspace's plan: a trial that ends under a paid
// subscription or a longer grant announces nothing. Each notice names its end's date, so the
// daily job records it once per (kind, date) and a new trial or past-due run gets its own.
import { type BillingState, type EffectivePlan, effectivePlan } from './effective-plan'

export type BillingNoticeKind = 'trial_ends_in_3_days' | 'trial_ends_tomorrow' | 'grace_started' | 'grace_ends_in_3_days'

export type DueNotice = {
  kind: BillingNoticeKind
  /** The plan the workspace has now, and the moment it ends. */
  current: EffectivePlan & { until: Date }
  /** The plan from `current.until` on, by the same rule. */
  next: EffectivePlan
}

const DAY_MS = 24 * 60 * 60 * 1000
/** The earlier of the two warnings: this many days before an end. */
export const EARLY_NOTICE_DAYS = 3

/** The notice `state` is due at `now` (billing on), or null. */
export function dueNotice(state: BillingState, now: Date): DueNotice | null {
  const current = effectivePlan(state, now, true)
  if ((current.source !== 'trial' && current.source !== 'grace') || !current.until) return null
  const next = effectivePlan(state, current.until, true)
  if (next.plan === current.plan) return null
  const kind = noticeKind(current.source, current.until.getTime() - now.getTime())
  return kind ? { kind, current: { ...current, until: current.until }, next } : null
}

/** Trial: a warning 3 days before and one the day before. Grace: one on entering, one 3 days before. */
function noticeKind(source: 'trial' | 'grace', msLeft: number): BillingNoticeKind | null {
  if (source === 'grace') return msLeft <= EARLY_NOTICE_DAYS * DAY_MS ? 'grace_ends_in_3_days' : 'grace_started'
  if (msLeft <= DAY_MS) return 'trial_ends_tomorrow'
  return msLeft <= EARLY_NOTICE_DAYS * DAY_MS ? 'trial_ends_in_3_days' : null
}

/** The UTC date a notice is recorded under: the day its end falls on. */
export const noticeDate = (notice: DueNotice) => notice.current.until.toISOString().slice(0, 10)
