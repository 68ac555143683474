// The brand the root loader found for this public page (Candor's own when none).
import { useRouteLoaderData } from 'react-router'
import { type BrandView, UNBRANDED } from '~/modules/branding/brand-paths'

export function usePublicBrand(): BrandView {
  const root = useRouteLoaderData('root') as { brand?: BrandView | null } | undefined
  return root?.brand ?? UNBRANDED
}
