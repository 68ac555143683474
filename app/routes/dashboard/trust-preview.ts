// /w/:slug/trust/preview — the draft rendered exactly as the public page will show it, for
// members only (never cached, never indexed).
import { requireMember } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { TRUST_PAGE_CSP, loadPublicPage, renderTrustPage } from '~/modules/trust/public-page.server'
import { loadDraft } from '~/modules/trust/trust-page.server'
import type { Route } from './+types/trust-preview'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const draft = await loadDraft({ tenant: member.tenant, userId: member.user.id, workspaceName: member.workspace.name })
  const page = await withTenant(member.tenant, (tx) => loadPublicPage(tx, member.workspace, draft))
  const { html } = renderTrustPage(member.workspace, page!, { now: new Date(), preview: true })
  return new Response(html, {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store', 'Content-Security-Policy': TRUST_PAGE_CSP },
  })
}
