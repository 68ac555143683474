// /t/:slug/logo/:file — a workspace's logo, the image Candor re-encoded (decision 039). The
// address names the logo's hash; caches keep it a day; any other name is a 404.
import { data } from 'react-router'
import { publicLogo } from '~/modules/branding/branding.server'
import { LOGO_HEADERS } from '~/modules/branding/asset-headers'
import type { Route } from './+types/logo'

export async function loader({ params }: Route.LoaderArgs) {
  const logo = await publicLogo(params.slug, params.file)
  if (!logo) throw data('There is no such logo.', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return new Response(logo.bytes, {
    headers: { ...LOGO_HEADERS, 'Content-Type': logo.type, 'Content-Length': String(logo.bytes.byteLength) },
  })
}
