// Offering Candor's own controls (candor-controls.ts) to a workspace's trust-page draft: what
// is offered, with each backing check's state now, and adding them to the draft (audited as the
// editor's own section saves are). Nothing is published: the admin reviews the draft first.
import type { RequestOrigin } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { withTenant } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { CANDOR_CONTROLS, offeredChecks, withCandorControls } from './candor-controls'
import { CHECKS, STATE_LABELS, checkState } from './checks'
import { trustContentSchema } from './content'
import { actingOf, currentDraft, loadDraft, saveDraftSectionIn } from './trust-page.server'

export class CandorControlsError extends Error {}


/** The offer as the Overview shows it: each control, whether the draft and the published page have it, its check's state now. */
export async function candorControlsOffer(member: Pick<Member, 'tenant' | 'user' | 'workspace'>, now = new Date()) {
  const [draft, { requireTwoFactor, results, latest }] = await Promise.all([
    loadDraft(actingOf(member)),
    withTenant(member.tenant, async (tx) => ({
      requireTwoFactor: (await tx.workspace.findFirstOrThrow({ select: { requireTwoFactor: true } })).requireTwoFactor,
      results: await tx.trustCheckResult.findMany(),
      latest: await tx.trustPageVersion.findFirst({ orderBy: { number: 'desc' }, select: { content: true } }),
    })),
  ])
  const checks = offeredChecks(requireTwoFactor)
  const titlesOf = (controls: { title: string }[]) => new Set(controls.map((control) => control.title.toLowerCase()))
  const titles = titlesOf(draft.controls)
  const publishedControls = latest ? trustContentSchema.shape.controls.safeParse((latest.content as { controls?: unknown }).controls) : null
  const published = titlesOf(publishedControls?.success ? publishedControls.data : [])
  return {
    /** Whether any version of the page is published: what the offer says of publishing. */
    pagePublished: latest !== null,
    controls: CANDOR_CONTROLS.map((control) => ({
      title: control.title,
      inDraft: titles.has(control.title.toLowerCase()),
      published: published.has(control.title.toLowerCase()),
      check: control.check
        ? {
            label: CHECKS[control.check.id].label,
            offered: checks.includes(control.check.id),
            state: STATE_LABELS[checkState(results.find((r) => r.check === control.check!.id), now)],
          }
        : null,
    })),
    missing: withCandorControls(draft, checks).added,
  }
}

/** Add Candor's controls (and the highlights of checks that can pass) to the draft. */
export async function addCandorControls(member: Member, origin: RequestOrigin): Promise<{ controls: number; highlights: number }> {
  // One transaction, the draft's row locked: both sections are added, or neither, and a save of
  // either meanwhile is not overwritten.
  return withTenant(member.tenant, async (tx) => {
    await tx.$queryRaw`SELECT workspace_id FROM trust_page_draft WHERE workspace_id = ${member.workspace.id}::uuid FOR UPDATE`
    const { content: draft } = await currentDraft(tx, member.workspace.name)
    const { requireTwoFactor } = await tx.workspace.findFirstOrThrow({ select: { requireTwoFactor: true } })
    const next = withCandorControls(draft, offeredChecks(requireTwoFactor))
    const fits = trustContentSchema.shape.controls.safeParse(next.controls).success && trustContentSchema.shape.highlights.safeParse(next.highlights).success
    if (!fits) throw new CandorControlsError('The draft has no room for them: it keeps at most 80 controls and 12 highlights.')
    // A highlight shows its check's state: run the checks now, so that the publish checklist and
    // the preview show a real result rather than "never run" (hourly otherwise).
    if (next.added.highlights > 0) await enqueue(tx, 'trust.checks', { workspaceId: member.workspace.id })
    if (next.added.controls > 0) await saveDraftSectionIn(tx, actingOf(member), 'controls', next.controls, origin)
    if (next.added.highlights > 0) await saveDraftSectionIn(tx, actingOf(member), 'highlights', next.highlights, origin)
    return next.added
  })
}
