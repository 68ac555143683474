import { ZodError } from 'zod'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
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
