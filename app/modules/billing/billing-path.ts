/** The workspace's billing page: where every upgrade link, notice and Stripe return leads. */
export const billingPath = (slug: string) => `/w/${slug}/settings/billing`
