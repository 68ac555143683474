// Creating a workspace: the workspace, its owner's account (if new; named if still unnamed) and
// the owner's membership, all in one transaction scoped to the new workspace. Reserved addresses
// (reserved-slugs.ts) are refused here, the one place workspaces are made.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { recordAudit } from '~/modules/audit/record.server'
import { type Actor, withTenant } from '~/modules/db/tenant.server'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { env } from '~/modules/config/env.server'
import { startingPlan } from '~/modules/billing/starting-plan.server'
import { slugRefusal } from './reserved-slugs'

export const workspaceInput = z.object({
  name: z.string().trim().min(1, 'Enter the company name').max(120, 'Use at most 120 characters'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/,
      'Use 1 to 48 lowercase letters, digits or hyphens, not starting or ending with a hyphen',
    ),
  owner: z.object({
    email: z.email('Enter a valid e-mail address').toLowerCase(),
    name: z.string().trim().min(1, 'Enter your name').max(120),
  }),
})

export type WorkspaceInput = z.input<typeof workspaceInput>

/** An address that cannot be had: its message is for the person choosing it. */
export class SlugUnavailableError extends Error {}

export class SlugTakenError extends SlugUnavailableError {
  constructor(slug: string) {
    super(`The address "${slug}" is already taken; choose another.`)
  }
}

export class SlugReservedError extends SlugUnavailableError {}

/** Every workspace's own data system: what Candor holds about a data subject. */
export const BUILT_IN_SYSTEM_NAME = 'Candor (this privacy portal)'

export async function createWorkspace(input: WorkspaceInput, actor: Actor) {
  const { name, slug, owner } = workspaceInput.parse(input)
  // The platform's own address is taken by the platform: the demo seed or an ops command (a
  // system actor), or one of its operators signing up in production.
  const { PLATFORM_WORKSPACE_SLUG, OPERATOR_EMAILS } = env()
  const refusal = slugRefusal(slug, {
    slug: PLATFORM_WORKSPACE_SLUG,
    creating: actor.type === 'system' || OPERATOR_EMAILS.includes(owner.email),
  })
  if (refusal) throw new SlugReservedError(refusal)
  const workspaceId = randomUUID()
  try {
    return await withTenant({ workspaceId, actor }, async (tx) => {
      const user = await tx.user.upsert({
        where: { email: owner.email },
        update: {},
        create: { id: randomUUID(), email: owner.email, name: owner.name },
      })
      // A person who signed up by e-mail names themselves while creating their first workspace.
      if (!user.name) await tx.user.update({ where: { id: user.id }, data: { name: owner.name } })
      const plan = startingPlan(new Date(), slug === PLATFORM_WORKSPACE_SLUG)
      const workspace = await tx.workspace.create({ data: { id: workspaceId, name, slug, ...plan } })
      await tx.membership.create({
        data: { id: randomUUID(), workspaceId, userId: user.id, role: 'owner' },
      })
      await tx.dataSystem.create({ data: { workspaceId, name: BUILT_IN_SYSTEM_NAME, kind: 'built_in' } })
      await recordAudit(tx, { workspaceId, actor }, {
        action: 'workspace.create',
        target: { type: 'workspace', id: workspaceId },
        after: { name, slug, owner: user.email, ...plan },
      })
      return { workspace, owner: user }
    })
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'workspace_slug_key') throw new SlugTakenError(slug)
    throw error
  }
}
