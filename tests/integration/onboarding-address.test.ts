// The onboarding page's address check against real PostgreSQL: reserved and taken addresses
// (a deleted workspace keeps its address) are refused in words, and a free one is suggested
// from the company name, numbered when the plain one is taken.
import { faker } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { freeSlugFor, slugProblem } from '~/modules/tenancy/slug-availability.server'
import { createWorkspace } from '~/modules/tenancy/workspaces.server'

const email = 'founder@newco.example'
const company = () => `Newco ${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`

async function create(name: string, slug: string) {
  return createWorkspace({ name, slug, owner: { email: faker.internet.email().toLowerCase(), name: 'Ana' } }, { type: 'system', reason: 'test' })
}

describe('the workspace address', () => {
  it('is free, taken, reserved or malformed, each said in words', async () => {
    const name = company()
    const slug = name.toLowerCase().replace(' ', '-')
    expect(await slugProblem(slug, email)).toBeNull()
    await create(name, slug)
    expect(await slugProblem(slug, email)).toBe(`The address "${slug}" is already taken; choose another.`)
    expect(await slugProblem('pricing', email)).toBe('The address “pricing” is reserved; choose another.')
    expect(await slugProblem('-bad-', email)).toBe('Use 1 to 48 lowercase letters, digits or hyphens, not starting or ending with a hyphen')
  })

  it('is suggested from the company name, numbered past taken ones, deleted workspaces included', async () => {
    const name = company()
    const base = name.toLowerCase().replace(' ', '-')
    expect(await freeSlugFor(name, email)).toBe(base)
    const { workspace } = await create(name, base)
    await ownerPool().query('UPDATE workspace SET deleted_at = now() WHERE id = $1', [workspace.id])
    expect(await freeSlugFor(name, email)).toBe(`${base}-2`)
    await create(name, `${base}-2`)
    expect(await freeSlugFor(name, email)).toBe(`${base}-3`)
    expect(await freeSlugFor('Support', email)).toMatch(/^support-\d$/)
  })
})
