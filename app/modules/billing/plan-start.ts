// What each "Start free / Pro / Business" choice on the onboarding page starts, in words drawn
// from the plans and the trial rule (starting-plan.server.ts: every new workspace gets the Pro
// trial, no card), so the page says only what is so. Self-hosted (billing off) there is no choice.
import { TRIAL_DAYS } from './effective-plan'
import { FEATURES, PLANS, type PlanId, formatPrice, limitOf } from './plans'

export type StartChoice = { id: PlanId; label: string; starts: string }

/** "Required two-factor…" → "required two-factor…", but "IP allowlist" and "DPA…" keep their capitals. */
const lower = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text)

export function startChoices(): StartChoice[] {
  const trial = `Starts a ${TRIAL_DAYS}-day trial of Pro; no card is needed.`
  const free = PLANS.free
  const businessOnly = PLANS.business.features.filter((feature) => !PLANS.pro.features.includes(feature))
  return [
    {
      id: 'free',
      label: free.cta.label,
      starts: `${trial} When it ends the workspace is on Free (up to ${limitOf('free', 'members')} members and ${limitOf('free', 'requestsPerYear')} privacy requests a year) unless you subscribe; nothing is charged.`,
    },
    {
      id: 'pro',
      label: PLANS.pro.cta.label,
      starts: `${trial} Next you see Billing, where you can subscribe to Pro (${formatPrice(PLANS.pro)} a month, paid by card through Stripe) now or before the trial ends.`,
    },
    {
      id: 'business',
      label: PLANS.business.cta.label,
      starts: `${trial} The trial does not include ${new Intl.ListFormat('en', { type: 'conjunction' }).format(businessOnly.map((f) => lower(FEATURES[f])))}. Next you see Billing, where you can subscribe to Business (${formatPrice(PLANS.business)} a month, paid by card through Stripe).`,
    },
  ]
}

/** Where a new workspace's owner goes next: Billing for a paid choice, else the Overview. */
export const afterCreation = (slug: string, plan: PlanId) => (plan === 'free' ? `/w/${slug}` : `/w/${slug}/settings/billing`)
