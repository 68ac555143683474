// Candor's plans: the one source of truth for what each costs and includes. The marketing
// page's pricing table reads it today; billing (Stripe prices, entitlements) will read it too.

export const PLAN_IDS = ['free', 'pro', 'business'] as const
export type PlanId = (typeof PLAN_IDS)[number]

export type Plan = {
  id: PlanId
  name: string
  /** Price per workspace per month in whole euros; 0 is free. */
  monthlyEur: number
  summary: string
  /** Hard limits (null: unlimited). */
  limits: { members: number | null; requestsPerYear: number | null; trustPages: number }
  /** What it includes; “(coming)” marks what is not built yet: the page never overclaims. */
  features: readonly string[]
  /** What the pricing table invites the reader to do. */
  cta: { label: string; href: string }
}

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    monthlyEur: 0,
    summary: 'A trust page and a privacy-request portal for a small team.',
    limits: { members: 3, requestsPerYear: 50, trustPages: 1 },
    features: [
      'Public trust page with live checks',
      'Privacy-request portal and inbox with legal deadlines',
      'Sub-processor list',
      'Append-only, hash-chained audit log',
    ],
    cta: { label: 'Start free', href: '/sign-in' },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    monthlyEur: 99,
    summary: 'For companies answering customers’ security reviews every week.',
    limits: { members: 15, requestsPerYear: 1000, trustPages: 1 },
    features: [
      'Everything in Free',
      'Sub-processor change notices to subscribers',
      'Gated documents behind an NDA click-through',
      'Vulnerability disclosure inbox and security.txt',
      'API and signed webhooks',
    ],
    cta: { label: 'Start with Pro', href: '/sign-in' },
  },
  business: {
    id: 'business',
    name: 'Business',
    monthlyEur: 399,
    summary: 'For regulated teams with many requests and strict access rules.',
    limits: { members: null, requestsPerYear: null, trustPages: 1 },
    features: [
      'Everything in Pro',
      'SAML / OIDC single sign-on (coming)',
      'IP allowlist and required 2FA',
      'DPA click-to-sign',
      'Data residency per workspace (coming)',
    ],
    cta: { label: 'Start with Business', href: '/sign-in' },
  },
}

/** "€99" or "Free". */
export function formatPrice(plan: Plan): string {
  return plan.monthlyEur === 0 ? 'Free' : `€${plan.monthlyEur}`
}
