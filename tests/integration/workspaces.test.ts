import { ZodError } from 'zod'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { SlugTakenError, createWorkspace } from '~/modules/tenancy/workspaces.server'
import { workspaceInput } from '../support/factories'

const system = { type: 'system', reason: 'test' } as const

describe('createWorkspace', () => {
  it('creates the workspace with its owner as a member', async () => {
    const input = workspaceInput()
    const { workspace, owner } = await createWorkspace(input, system)
    expect(workspace).toMatchObject({ name: input.name, slug: input.slug })
    expect(owner.email).toBe(input.owner.email)
    const members = await withTenant({ workspaceId: workspace.id, actor: system }, (tx) =>
      tx.membership.findMany({ select: { userId: true, role: true } }),
    )
    expect(members).toEqual([{ userId: owner.id, role: 'owner' }])
  })

  it('reuses the account of a person who already has one', async () => {
    const first = await createWorkspace(workspaceInput(), system)
    const second = await createWorkspace(
      { ...workspaceInput(), owner: { email: first.owner.email.toUpperCase(), name: 'Other' } },
      system,
    )
    expect(second.owner.id).toBe(first.owner.id)
  })

  it('refuses a taken address and leaves no half-made account behind', async () => {
    const taken = await createWorkspace(workspaceInput(), system)
    const attempt = { ...workspaceInput(), slug: taken.workspace.slug }
    await expect(createWorkspace(attempt, system)).rejects.toThrow(SlugTakenError)
    const { rows } = await ownerPool().query('SELECT 1 FROM "user" WHERE email = $1', [
      attempt.owner.email,
    ])
    expect(rows).toEqual([])
  })

  it('reports another unique constraint as itself, not as a taken address', async () => {
    const first = await createWorkspace(workspaceInput(), system)
    // A uniqueness rule other than the slug's (as a later migration might add one).
    await ownerPool().query('CREATE UNIQUE INDEX "test_workspace_name_key" ON workspace (name)')
    try {
      const error = await createWorkspace({ ...workspaceInput(), name: first.workspace.name }, system).catch(
        (e: unknown) => e,
      )
      expect(error).not.toBeInstanceOf(SlugTakenError)
      expect(error).toMatchObject({ code: 'P2002' })
      expect(violatedUniqueConstraint(error)).toBe('test_workspace_name_key')
    } finally {
      await ownerPool().query('DROP INDEX "test_workspace_name_key"')
    }
  })

  it('explains what is wrong with an invalid address or name', async () => {
    const bad = { ...workspaceInput(), name: ' ', slug: '-Bad Slug-' }
    const error = await createWorkspace(bad, system).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ZodError)
    const messages = (error as ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(messages).toEqual([
      'name: Enter the company name',
      'slug: Use 1 to 48 lowercase letters, digits or hyphens, not starting or ending with a hyphen',
    ])
  })
})
