// Reads what the pre-publish checklist is computed from (the draft, the page's live records,
// the check results, the privacy portal's setup) in the workspace's transaction: for the editor,
// and again inside the publish, so a confirmation covers exactly the warnings it was shown.
import type { Tx } from '~/modules/db/tenant.server'
import { openSetupSteps } from '~/modules/workspace/setup-steps.server'
import { CHECK_IDS, type CheckId, type CheckState, checkState } from './checks'
import type { TrustContent } from './content'
import { loadPublicPage } from './public-page.server'
import { type Checklist, publishChecklist, reviewToken } from './publish-checklist'

export type PublishReview = { checklist: Checklist; token: string }

export type PageWorkspace = { id: string; name: string; slug: string }

/** The checklist for publishing `draft` (whose SHA-256 is `draftSha256`) in the workspace `tx` works for, now. */
export async function reviewDraft(tx: Tx, workspace: PageWorkspace, draft: TrustContent, draftSha256: string, now = new Date()): Promise<PublishReview> {
  const page = (await loadPublicPage(tx, workspace, draft))!
  const steps = await openSetupSteps(tx, workspace.slug)
  const checks: Partial<Record<CheckId, CheckState>> = {}
  for (const id of CHECK_IDS) checks[id] = checkState(page.checks.find((row) => row.check === id), now)
  const checklist = publishChecklist(draft, {
    slug: workspace.slug,
    counts: { subprocessors: page.subprocessors.length, documents: page.documents.length, platformIncidents: page.platformIncidents.length, dpaOffered: page.dpaOffered },
    gatedDocuments: page.documents.filter((d) => d.visibility === 'gated').length,
    dpaOffered: page.dpaOffered,
    ndaOffered: page.ndaOffered,
    privacyProfileProblem: steps.find((step) => step.id === 'privacy_profile')?.problem ?? null,
    checks,
  })
  return { checklist, token: reviewToken(draftSha256, checklist) }
}
