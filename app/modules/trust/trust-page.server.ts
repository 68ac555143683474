// A workspace's trust page behind the dashboard: the draft members edit section by section,
// publishing it as a new numbered version (kept for ever, compared on request), and the
// version stamp that tells every instance its cached public page is old. Every change is
// audited in its own transaction.
import { createHash, randomUUID } from 'node:crypto'
import type { RequestOrigin } from '~/modules/audit/record.server'
import { recordAudit } from '~/modules/audit/record.server'
import type { Member } from '~/modules/auth/member.server'
import { type Tx, withTenant } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { bumpTrustStamp } from './checks.server'
import { type SectionId, type TrustContent, canonicalJson, emptyContent, readContent, trustContentSchema } from './content'
import { sectionsChanged, warningsOf } from './publish-checklist'
import { type PageWorkspace, type PublishReview, reviewDraft } from './publish-checklist.server'

export class TrustPageError extends Error {}

/** Who acts: a member's tenant context (the seed and tests pass a system actor). */
type Acting = Pick<Member, 'tenant'> & { userId: string | null; workspaceName: string }

/** A member acting on the trust page: the `Acting` every function here takes. */
export const actingOf = (member: Pick<Member, 'tenant' | 'user' | 'workspace'>): Acting => ({
  tenant: member.tenant,
  userId: member.user.id,
  workspaceName: member.workspace.name,
})

export const contentSha256 = (content: TrustContent) => createHash('sha256').update(canonicalJson(content)).digest('hex')

async function latestVersion(tx: Tx) {
  return tx.trustPageVersion.findFirst({ orderBy: { number: 'desc' } })
}

/** The draft, or (before anyone edited) the latest published content, or an empty page. */
export async function currentDraft(tx: Tx, workspaceName: string): Promise<{ content: TrustContent; saved: boolean; updatedAt: Date | null }> {
  const draft = await tx.trustPageDraft.findFirst()
  if (draft) return { content: readContent(draft.content, workspaceName), saved: true, updatedAt: draft.updatedAt }
  const latest = await latestVersion(tx)
  return { content: latest ? readContent(latest.content, workspaceName) : emptyContent(workspaceName), saved: false, updatedAt: null }
}

export type EditorState = Awaited<ReturnType<typeof loadEditor>>

/** What the editor shows: the draft, whether it differs from what is live, and the versions. */
export async function loadEditor(acting: Acting) {
  return withTenant(acting.tenant, async (tx) => {
    const draft = await currentDraft(tx, acting.workspaceName)
    const versions = await tx.trustPageVersion.findMany({
      orderBy: { number: 'desc' },
      select: { number: true, contentSha256: true, publishedAt: true, publisher: { select: { email: true } } },
    })
    const checks = await tx.trustCheckResult.findMany()
    const latest = await latestVersion(tx)
    const draftSha = contentSha256(draft.content)
    return {
      draft: draft.content,
      draftUpdatedAt: draft.updatedAt,
      /** The latest published version's content, to say which sections changed since. */
      published: latest ? readContent(latest.content, acting.workspaceName) : null,
      unpublished: versions[0]?.contentSha256 !== draftSha,
      versions: versions.map((v) => ({ number: v.number, sha256: v.contentSha256, publishedAt: v.publishedAt, publishedBy: v.publisher?.email ?? null })),
      checks,
    }
  })
}

export type PublishState = {
  review: PublishReview
  /** The published version the draft is identical to, if any: publishing would change nothing. */
  sameAsVersion: number | null
  /** What the latest publish changed, from it and the version before (null before the first). */
  lastPublish: { number: number; added: string[]; changed: string[]; removed: string[] } | null
}

/** What the publish step shows: the checklist for the draft now, and what the last publish changed. */
export async function loadPublishState(acting: Acting, workspace: PageWorkspace): Promise<PublishState> {
  return withTenant(acting.tenant, async (tx) => {
    const { content } = await currentDraft(tx, acting.workspaceName)
    const sha = contentSha256(content)
    const [latest, previous] = await tx.trustPageVersion.findMany({ orderBy: { number: 'desc' }, take: 2 })
    const changes = latest
      ? sectionsChanged(previous ? readContent(previous.content, acting.workspaceName) : emptyContent(acting.workspaceName), readContent(latest.content, acting.workspaceName))
      : null
    return {
      review: await reviewDraft(tx, workspace, content, sha),
      sameAsVersion: latest?.contentSha256 === sha ? latest.number : null,
      lastPublish: latest && changes ? { number: latest.number, ...changes } : null,
    }
  })
}

/** The draft as it would be published (for the preview). */
export async function loadDraft(acting: Acting): Promise<TrustContent> {
  return withTenant(acting.tenant, async (tx) => (await currentDraft(tx, acting.workspaceName)).content)
}

/** Replace one section of the draft with `value` (already checked against its schema). */
export async function saveDraftSection<S extends SectionId>(
  acting: Acting,
  section: S,
  value: TrustContent[S],
  origin: RequestOrigin,
): Promise<void> {
  await withTenant(acting.tenant, (tx) => saveDraftSectionIn(tx, acting, section, value, origin))
}

/**
 * saveDraftSection inside the caller's transaction. The draft's row is locked first: two saves at
 * once (of different sections) each write the whole draft, and would otherwise undo each other.
 */
export async function saveDraftSectionIn<S extends SectionId>(tx: Tx, acting: Acting, section: S, value: TrustContent[S], origin: RequestOrigin): Promise<void> {
  const { workspaceId } = acting.tenant
  await tx.$queryRaw`SELECT workspace_id FROM trust_page_draft WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`
  const { content } = await currentDraft(tx, acting.workspaceName)
  const next = trustContentSchema.parse({ ...content, [section]: value })
  if (canonicalJson(content[section]) === canonicalJson(next[section])) {
    // Nothing changed, but the draft may not exist yet: keep what the editor showed.
    await tx.trustPageDraft.upsert({ where: { workspaceId }, create: { workspaceId, content: next, updatedBy: acting.userId }, update: {} })
    return
  }
  await tx.trustPageDraft.upsert({
    where: { workspaceId },
    create: { workspaceId, content: next, updatedBy: acting.userId },
    update: { content: next, updatedBy: acting.userId, updatedAt: new Date() },
  })
  await recordAudit(tx, { workspaceId, actor: acting.tenant.actor, origin }, {
    action: 'trust.draft_update',
    target: { type: 'trust_page', id: workspaceId },
    before: { section, value: content[section] },
    after: { section, value: next[section] },
  })
}

/** Replace the whole draft (the demo seed; an import later), audited as one change. */
export async function replaceDraft(acting: Acting, content: TrustContent, origin: RequestOrigin): Promise<void> {
  const next = trustContentSchema.parse(content)
  await withTenant(acting.tenant, async (tx) => {
    const { workspaceId } = acting.tenant
    await tx.trustPageDraft.upsert({
      where: { workspaceId },
      create: { workspaceId, content: next, updatedBy: acting.userId },
      update: { content: next, updatedBy: acting.userId, updatedAt: new Date() },
    })
    await recordAudit(tx, { workspaceId, actor: acting.tenant.actor, origin }, {
      action: 'trust.draft_update',
      target: { type: 'trust_page', id: workspaceId },
      after: { section: 'all', sha256: contentSha256(next) },
    })
  })
}

/**
 * Publish the draft as the next version: stored with its SHA-256, the workspace's stamp moved
 * (every instance's cached page is now old) and the live checks queued, in one transaction.
 */
export async function publishDraft(
  acting: Acting,
  origin: RequestOrigin,
  options: {
    queueChecks?: boolean
    /** A member's publish: the checklist token their form showed, and whether they confirmed its warnings. */
    review?: { workspace: PageWorkspace; token: string; confirmed: boolean }
  } = {},
): Promise<{ number: number; sha256: string }> {
  return withTenant(acting.tenant, async (tx) => {
    const { workspaceId } = acting.tenant
    // One publisher at a time per workspace: the next number is never taken twice.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`trust-publish:${workspaceId}`}, 0))`
    const { content } = await currentDraft(tx, acting.workspaceName)
    const checked = trustContentSchema.safeParse(content)
    if (!checked.success) throw new TrustPageError('The draft has mistakes: correct the sections marked, then publish.')
    const sha256 = contentSha256(checked.data)
    const latest = await latestVersion(tx)
    if (latest?.contentSha256 === sha256) {
      throw new TrustPageError(`Nothing changed since the published version (version ${latest.number}): there is nothing to publish.`)
    }
    let confirmedWarnings: string[] | undefined
    if (options.review) {
      // Read again under the lock: a confirmation covers the warnings the form showed, no others.
      const now = await reviewDraft(tx, options.review.workspace, checked.data, sha256)
      if (now.token !== options.review.token) {
        throw new TrustPageError('The draft or what the page links to changed since you opened this page: read the checklist again, then publish.')
      }
      const warnings = warningsOf(now.checklist).length
      if (warnings > 0 && !options.review.confirmed) {
        throw new TrustPageError(`The checklist has ${warnings === 1 ? 'a warning' : `${warnings} warnings`}: fix ${warnings === 1 ? 'it' : 'them'}, or confirm that you publish the page as it is.`)
      }
      confirmedWarnings = warningsOf(now.checklist).map((item) => item.id)
    }
    const number = (latest?.number ?? 0) + 1
    await tx.trustPageVersion.create({
      data: { id: randomUUID(), workspaceId, number, content: checked.data, contentSha256: sha256, publishedBy: acting.userId },
    })
    await bumpTrustStamp(tx, workspaceId)
    // The seed runs before the queue starts and computes the checks itself.
    if (options.queueChecks !== false) await enqueue(tx, 'trust.checks', { workspaceId })
    await recordAudit(tx, { workspaceId, actor: acting.tenant.actor, origin }, {
      action: 'trust.publish',
      target: { type: 'trust_page', id: workspaceId },
      before: { version: latest?.number ?? null, sha256: latest?.contentSha256 ?? null },
      // What the publisher confirmed publishing despite (the checklist's warning ids).
      after: { version: number, sha256, ...(confirmedWarnings ? { confirmedWarnings } : {}) },
    })
    return { number, sha256 }
  })
}

/** Two published versions, for the comparison page (null where a number does not exist). */
export async function loadVersions(acting: Acting, numbers: number[]) {
  return withTenant(acting.tenant, async (tx) => {
    const rows = await tx.trustPageVersion.findMany({ where: { number: { in: numbers } } })
    return numbers.map((n) => {
      const row = rows.find((r) => r.number === n)
      return row ? { number: row.number, publishedAt: row.publishedAt, sha256: row.contentSha256, content: readContent(row.content, acting.workspaceName) } : null
    })
  })
}
