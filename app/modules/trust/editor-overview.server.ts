// The trust editor's overview behind /w/:slug/trust: the publish step (its checklist and what the
// last publish changed), every section with its state against the published version, the live
// checks with where each is fixed, and the published versions.
import type { Member } from '~/modules/auth/member.server'
import { can } from '~/modules/auth/permissions'
import { CHECKS, CHECK_IDS, STATE_LABELS, checkFixHref, checkState } from './checks'
import { editorSections } from './editor-sections'
import { mayOpen } from '~/modules/workspace/dashboard-nav'
import { actingOf, loadEditor, loadPublishState } from './trust-page.server'

export async function loadTrustOverview(member: Member) {
  const state = await loadEditor(actingOf(member))
  const publish = await loadPublishState(actingOf(member), member.workspace)
  const now = new Date()
  const base = `/w/${member.workspace.slug}`
  const latest = state.versions[0]
  return {
    slug: member.workspace.slug,
    canEdit: can(member.role, 'trust.edit'),
    canPublish: can(member.role, 'trust.publish'),
    publish: {
      shown: publish.review.checklist.shown,
      // A fix is offered only to whom may make it: none to a member who cannot edit the page, and none to a page the role may not open.
      items: publish.review.checklist.items.map(({ fix, ...item }) =>
        fix && can(member.role, 'trust.edit') && mayOpen(member.role, fix.href) ? { ...item, fix } : item,
      ),
      token: publish.review.token,
      sameAsVersion: publish.sameAsVersion,
      lastPublish: publish.lastPublish,
      latest: latest ? { number: latest.number, publishedAt: latest.publishedAt.toISOString(), publishedBy: latest.publishedBy } : null,
    },
    sections: editorSections(state.draft, state.published),
    latestVersion: latest?.number ?? null,
    versions: state.versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    checks: CHECK_IDS.map((id) => {
      const row = state.checks.find((c) => c.check === id)
      const checked = checkState(row, now)
      const fix = checkFixHref(base, id)
      return {
        id,
        label: CHECKS[id].label,
        state: checked,
        stateLabel: STATE_LABELS[checked],
        summary: row?.summary ?? CHECKS[id].explains,
        checkedAt: row?.checkedAt.toISOString() ?? null,
        // Candor's own platform checks are not the workspace's to fix: no link, and the list says so.
        fix: checked === 'passing' || CHECKS[id].covers === 'platform' || !mayOpen(member.role, fix) ? null : fix,
        platform: CHECKS[id].covers === 'platform',
      }
    }),
  }
}

export type TrustOverview = Awaited<ReturnType<typeof loadTrustOverview>>
