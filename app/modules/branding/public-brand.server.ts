// The brand of the public page being rendered: the trust pages (/t/:slug/…) and the privacy
// portal (/p/:slug/…) show their workspace's logo and colour; every other page shows Candor's.
// The root loader asks, so each shell finds it without every route loading it.
import type { BrandView } from './brand-paths'
import { publicBrand } from './branding.server'

export async function brandOfPublicPage(pathname: string, slug: string | undefined): Promise<BrandView | null> {
  if (!slug || !/^\/[tp]\/[^/]+(?:\/|$)/.test(pathname)) return null
  return publicBrand(slug)
}
