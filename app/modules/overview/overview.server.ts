// The Overview's view model (/w/:slug): what needs the member, the setup still open and the
// requests chart, all computed for one instant `now`. The parts are read side by side, each in
// its own short tenant transaction (bench:overview: the page waits for the slowest, not the sum).
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { withTenant } from '~/modules/db/tenant.server'
import { candorControlsOffer } from '~/modules/trust/candor-controls.server'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { attentionFor } from './attention.server'
import { requestChart } from './request-chart.server'
import { loadChecklist } from './setup-checklist.server'

export async function loadOverview(member: Pick<Member, 'tenant' | 'role' | 'user' | 'workspace'>, now = new Date()) {
  const { slug } = member.workspace
  const mayViewRequests = can(member.role, 'requests.view')
  const { timeZone } = await withTenant(member.tenant, (tx) => tx.workspace.findFirstOrThrow({ select: { timeZone: true } }))
  const showChecklist = can(member.role, 'workspace.settings')
  const [attention, setup, chart, checklist, controlsOffer] = await Promise.all([
    attentionFor(member.tenant, { slug, role: member.role, userId: member.user.id, timeZone, now }),
    withTenant(member.tenant, (tx) => openSetupSteps(tx, slug)),
    mayViewRequests ? withTenant(member.tenant, (tx) => requestChart(tx, { timeZone, now })) : null,
    showChecklist ? loadChecklist(member) : null,
    can(member.role, 'trust.edit') ? candorControlsOffer(member, now) : null,
  ])
  return { attention, setup, chart, checklist, controlsOffer, mayFixSetup: can(member.role, 'privacy.manage') }
}

export type Overview = Awaited<ReturnType<typeof loadOverview>>

/** True when no part the member may see asks for anything. */
export function nothingNeedsYou({ attention, setup }: Pick<Overview, 'attention' | 'setup'>): boolean {
  const { requests, exports, unread, checks, documentRequests, reports } = attention
  return (
    setup.length === 0 &&
    (!requests || (requests.overdue.everyone.count === 0 && requests.dueSoon.everyone.count === 0)) &&
    (!exports || exports.count === 0) &&
    (!unread || unread.everyone.count === 0) &&
    (!checks || checks.items.length === 0) &&
    (!documentRequests || documentRequests.count === 0) &&
    (!reports || reports.count === 0)
  )
}
