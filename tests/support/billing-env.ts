// Billing on: the Stripe variables of a test installation (test keys; nothing here reaches
// Stripe). For a test file's own process, set them before anything reads the environment (it
// is parsed once per process; no imports here, so vi.hoisted can load this file first); pass
// them to a Candor server it starts.
export const BILLING_ON_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_candor0000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_candor0000000000',
  STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
  STRIPE_PRICE_PRO_YEARLY: 'price_pro_yearly',
  STRIPE_PRICE_BUSINESS_MONTHLY: 'price_business_monthly',
  STRIPE_PRICE_BUSINESS_YEARLY: 'price_business_yearly',
}

export const turnBillingOn = () => Object.assign(process.env, BILLING_ON_ENV)
