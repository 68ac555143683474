// Realistic test data. Each call makes unique values, so tests never collide.
import { faker } from '@faker-js/faker'
import type { Member } from '~/modules/auth/member.server'
import { ownerPool } from '~/modules/db/owner.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'

export function workspaceInput() {
  const company = faker.company.name()
  const slug = `${faker.helpers.slugify(company).toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 30)}-${faker.string.alphanumeric({ length: 6, casing: 'lower' })}`
  return {
    name: company,
    slug: slug.replace(/^-+/, ''),
    owner: { email: faker.internet.email().toLowerCase(), name: faker.person.fullName() },
  }
}

export async function makeWorkspace() {
  return createWorkspace(workspaceInput(), { type: 'system', reason: 'test' })
}

/** A new workspace, its owner, and the owner as `requireMember` hands them to a module. */
export async function makeOwnedWorkspace() {
  const { workspace, owner } = await makeWorkspace()
  const member = {
    user: { id: owner.id, email: owner.email, name: owner.name },
    role: 'owner',
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    tenant: { workspaceId: workspace.id, actor: { type: 'user', userId: owner.id } },
    impersonation: null,
  } as unknown as Member
  return { workspace, owner, member }
}

/** Add a person with `role` to a workspace (as an accepted invitation would). */
export async function addMember(workspaceId: string, role: 'owner' | 'admin' | 'agent' | 'viewer') {
  const email = faker.internet.email().toLowerCase()
  const userId = faker.string.uuid()
  await ownerPool().query('INSERT INTO "user" (id, email, name) VALUES ($1, $2, $3)', [
    userId,
    email,
    faker.person.fullName(),
  ])
  await ownerPool().query('INSERT INTO membership (id, workspace_id, user_id, role) VALUES ($1, $2, $3, $4)', [
    faker.string.uuid(),
    workspaceId,
    userId,
    role,
  ])
  return { email, userId }
}
