// Realistic test data. Each call makes unique values, so tests never collide.
import { faker } from '@faker-js/faker'
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
