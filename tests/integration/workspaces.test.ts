import { ZodError } from 'zod'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { action as onboardingAction } from '~/routes/onboarding'
import { answerOf, callAction } from '../support/route-call'
import { violatedUniqueConstraint } from '~/modules/db/unique-violation.server'
import { env } from '~/modules/config/env.server'
import { SlugReservedError, SlugTakenError, createWorkspace } from '~/modules/tenancy/workspaces.server'
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

describe('reserved addresses', () => {
  it.each(['admin', 'trust', 'api', 'sign-in', 'www', 'security', 'ops'])('refuses “%s” to anyone, with a clear message, creating nothing', async (slug) => {
    const attempt = { ...workspaceInput(), slug }
    await expect(createWorkspace(attempt, system)).rejects.toThrow(`The address “${slug}” is reserved; choose another.`)
    const { rows } = await ownerPool().query('SELECT 1 FROM workspace WHERE slug = $1', [slug])
    expect(rows).toEqual([])
  })

  it("keeps the platform's own address for Candor: refused to a customer, taken by the platform", async () => {
    const platform = env().PLATFORM_WORKSPACE_SLUG
    const person = await createWorkspace(workspaceInput(), system)
    const customer = { type: 'user', userId: person.owner.id } as const
    await expect(createWorkspace({ ...workspaceInput(), slug: platform, owner: { email: person.owner.email, name: 'Eve' } }, customer)).rejects.toThrow(
      SlugReservedError,
    )
    const made = await createWorkspace({ name: 'Candor', slug: platform, owner: { email: 'security@candor.localhost', name: 'Candor Security' } }, system)
    expect(made.workspace.slug).toBe(platform)
  })
})

describe('onboarding', () => {
  it('answers a reserved address with the field message, 409', async () => {
    const person = await createWorkspace(workspaceInput(), system)
    const { token } = await withPlatform((tx) => startSession(tx, person.owner.id))
    const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
    const answer = await answerOf(
      await callAction(onboardingAction, { path: '/onboarding', form: { name: 'Eve', company: 'Totally Candor', slug: 'admin' }, headers: { cookie } }),
    )
    expect(answer.status).toBe(409)
    expect(answer.body).toMatchObject({ fieldErrors: { slug: ['The address “admin” is reserved; choose another. “totally-candor” is free.'] } })
  })
})
