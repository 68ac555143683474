// Whether a workspace address can be had, and a free one suggested from a company name: for the
// onboarding page, with JavaScript (as the name is typed) and without (an empty address field).
// createWorkspace still decides at the insert (the unique index): a race loses with a message.
import { db } from '~/modules/db/client.server'
import { env } from '~/modules/config/env.server'
import { slugRefusal } from './reserved-slugs'
import { numberedSlug, suggestSlug } from './slug-suggestion'
import { SlugTakenError, workspaceInput } from './workspaces.server'

/** Why `slug` cannot be had (its format, reserved, taken), or null when it is free now. */
export async function slugProblem(slug: string, email: string): Promise<string | null> {
  const format = workspaceInput.shape.slug.safeParse(slug)
  if (!format.success) return format.error.issues[0]!.message
  const { PLATFORM_WORKSPACE_SLUG, OPERATOR_EMAILS } = env()
  const refusal = slugRefusal(format.data, { slug: PLATFORM_WORKSPACE_SLUG, creating: OPERATOR_EMAILS.includes(email) })
  if (refusal) return refusal
  const [row] = await db().$queryRaw<{ taken: boolean }[]>`SELECT app_workspace_slug_taken(${format.data}) AS taken`
  return row?.taken ? new SlugTakenError(format.data).message : null
}

/** A free address for `company`: its own suggestion, else the first free numbered one (null: none found). */
export async function freeSlugFor(company: string, email: string): Promise<string | null> {
  const base = suggestSlug(company) || 'workspace'
  const candidates = [base, ...Array.from({ length: 8 }, (_, i) => numberedSlug(base, i + 2))]
  for (const candidate of candidates) {
    if ((await slugProblem(candidate, email)) === null) return candidate
  }
  return null
}
