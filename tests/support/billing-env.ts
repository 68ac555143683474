// Billing on, for a test file: set before anything reads the environment (it is parsed once per
// process). Test keys only; nothing here reaches Stripe.
export function turnBillingOn() {
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: 'sk_test_candor0000000000',
    STRIPE_WEBHOOK_SECRET: 'whsec_candor0000000000',
    STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
    STRIPE_PRICE_PRO_YEARLY: 'price_pro_yearly',
    STRIPE_PRICE_BUSINESS_MONTHLY: 'price_business_monthly',
    STRIPE_PRICE_BUSINESS_YEARLY: 'price_business_yearly',
  })
}
