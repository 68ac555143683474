// /t/:slug/accent/:file — the stylesheet that gives a workspace's public pages its accent colour
// (a file, so no page needs an inline style its CSP would refuse). Named by the colour; any
// other name is a 404.
import { data } from 'react-router'
import { accentStylesheet } from '~/modules/branding/accent-colour'
import { publicAccent } from '~/modules/branding/branding.server'
import { IMMUTABLE_ASSET_HEADERS } from '~/modules/branding/asset-headers'
import type { Route } from './+types/accent-stylesheet'

export async function loader({ params }: Route.LoaderArgs) {
  const colour = await publicAccent(params.slug, params.file)
  if (!colour) throw data('There is no such stylesheet.', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return new Response(accentStylesheet(colour), { headers: { ...IMMUTABLE_ASSET_HEADERS, 'Content-Type': 'text/css; charset=utf-8' } })
}
