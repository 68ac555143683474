// Candor's plans: the one source of truth for what each costs, what it may hold (limits) and
// what it may do (features). The pricing page, checkout and requireEntitlement all read it.

export const PLAN_IDS = ['free', 'pro', 'business'] as const
export type PlanId = (typeof PLAN_IDS)[number]

/** What a plan may do; each one is checked by requireEntitlement where it applies. */
export const FEATURES = {
  subprocessor_notices: 'Sub-processor change notices to subscribers',
  gated_documents: 'Gated documents behind an NDA click-through',
  api: 'REST API with scoped keys',
  webhooks: 'Signed webhooks on privacy-request events',
  ip_allowlist: 'IP allowlist for the dashboard and the API',
  required_2fa: 'Required two-factor sign-in for every member',
  dpa_signing: 'DPA click-to-sign',
} as const
export type Feature = keyof typeof FEATURES

/** What a plan may hold (null: unlimited). A count at the limit refuses one more; nothing is deleted. */
export const LIMITS = {
  members: 'members (with open invitations)',
  requestsPerYear: 'privacy requests a year',
  documents: 'trust-page documents',
  webhookEndpoints: 'active webhook endpoints',
  apiKeys: 'active API keys',
} as const
export type Limit = keyof typeof LIMITS

export type Plan = {
  id: PlanId
  name: string
  /** Price per workspace per month in whole euros; 0 is free. */
  monthlyEur: number
  summary: string
  limits: Record<Limit, number | null>
  features: readonly Feature[]
  /** What every plan has (nothing to enforce), said on the pricing page. */
  included: readonly string[]
  /** Announced, not built: the pricing page marks them “(coming)” so it never overclaims. */
  coming: readonly string[]
  /** What the pricing table invites the reader to do. */
  cta: { label: string; href: string }
}

const PRO_FEATURES: readonly Feature[] = ['subprocessor_notices', 'gated_documents', 'api', 'webhooks']

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    monthlyEur: 0,
    summary: 'A trust page and a privacy-request portal for a small team.',
    limits: { members: 3, requestsPerYear: 50, documents: 3, webhookEndpoints: 0, apiKeys: 0 },
    features: [],
    included: [
      'Public trust page with live checks',
      'Privacy-request portal and inbox with legal deadlines',
      'Sub-processor list',
      'Vulnerability disclosure inbox and security.txt',
      'Append-only, hash-chained audit log',
    ],
    coming: [],
    cta: { label: 'Start free', href: '/sign-in?plan=free' },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    monthlyEur: 99,
    summary: 'For companies answering customers’ security reviews every week.',
    limits: { members: 15, requestsPerYear: 1000, documents: 25, webhookEndpoints: 3, apiKeys: 5 },
    features: PRO_FEATURES,
    included: ['Everything in Free'],
    coming: [],
    cta: { label: 'Start with Pro', href: '/sign-in?plan=pro' },
  },
  business: {
    id: 'business',
    name: 'Business',
    monthlyEur: 399,
    summary: 'For regulated teams with many requests and strict access rules.',
    limits: { members: null, requestsPerYear: null, documents: null, webhookEndpoints: 10, apiKeys: null },
    features: [...PRO_FEATURES, 'ip_allowlist', 'required_2fa', 'dpa_signing'],
    included: ['Everything in Pro'],
    coming: ['SAML / OIDC single sign-on', 'Data residency per workspace'],
    cta: { label: 'Start with Business', href: '/sign-in?plan=business' },
  },
}

/** "€99" or "Free". */
export function formatPrice(plan: Plan): string {
  return plan.monthlyEur === 0 ? 'Free' : `€${plan.monthlyEur}`
}

export const hasFeature = (plan: PlanId, feature: Feature) => PLANS[plan].features.includes(feature)

/** The plan's cap on `limit`; null: unlimited. */
export const limitOf = (plan: PlanId, limit: Limit) => PLANS[plan].limits[limit]

/** The cheapest plan that has `feature`, for “upgrade to …” messages. */
export const cheapestPlanWith = (feature: Feature): Plan =>
  PLANS[PLAN_IDS.find((id) => hasFeature(id, feature)) ?? 'business']

/** The pricing page's lines for a plan: limits in words, then what it includes and adds. */
export function pricingLines(plan: Plan): string[] {
  const cap = (limit: Limit, noun: string, per = '') => {
    const value = plan.limits[limit]
    return value === null ? `Unlimited ${noun}` : `Up to ${value.toLocaleString('en')} ${noun}${per}`
  }
  const previous = plan.id === 'business' ? PLANS.pro : plan.id === 'pro' ? PLANS.free : null
  const added = plan.features.filter((feature) => !previous?.features.includes(feature))
  return [
    cap('members', 'members'),
    cap('requestsPerYear', 'privacy requests', ' a year'),
    cap('documents', 'trust-page documents'),
    ...plan.included,
    ...added.map((feature) => FEATURES[feature]),
    ...(plan.limits.webhookEndpoints ? [cap('webhookEndpoints', 'webhook endpoints')] : []),
    ...plan.coming.map((item) => `${item} (coming)`),
  ]
}
