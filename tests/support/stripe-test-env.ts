// The Stripe variables that turn billing on in a test process (billing is on only whole). No
// imports: a test file assigns them in vi.hoisted, before any module reads the environment.
export const STRIPE_TEST_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_entitlements',
  STRIPE_WEBHOOK_SECRET: 'whsec_entitlements',
  STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
  STRIPE_PRICE_PRO_YEARLY: 'price_pro_yearly',
  STRIPE_PRICE_BUSINESS_MONTHLY: 'price_business_monthly',
  STRIPE_PRICE_BUSINESS_YEARLY: 'price_business_yearly',
}
