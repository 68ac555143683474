// The portal's addresses, for links in e-mails and redirects.

/** Where the requester confirms and follows their request. */
export const portalLinks = (origin: string, slug: string) => ({
  form: () => `${origin}/p/${slug}`,
  confirm: (token: string) => `${origin}/p/${slug}/confirm/${token}`,
  verifyPage: (reference: string) => `${origin}/p/${slug}/requests/${reference}/verify`,
  status: (reference: string) => `${origin}/p/${slug}/requests/${reference}`,
  follow: (reference: string, token: string) => `${origin}/p/${slug}/requests/${reference}?follow=${token}`,
})
