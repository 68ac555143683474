// The onboarding page with billing on, through its route module against real PostgreSQL: the
// three ways to start are offered with what each starts, a Business start creates the workspace
// on the Pro trial (no card, no subscription) and goes on to Billing, and bad input is refused
// with a field message, never a 500.
import { faker } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { suggestSlug } from '~/modules/tenancy/slug-suggestion'
import { action, loader } from '~/routes/onboarding'
import { turnBillingOn } from '../support/billing-env'
import { answerOf, callAction, callLoader } from '../support/route-call'

turnBillingOn()

async function newPerson() {
  const email = `founder-${faker.string.alphanumeric({ length: 8, casing: 'lower' })}@newco.example`
  const userId = faker.string.uuid()
  await ownerPool().query('INSERT INTO "user" (id, email) VALUES ($1, $2)', [userId, email])
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return { email, cookie: (await sessionCookie().serialize(token)).split(';')[0]! }
}

describe('onboarding with billing on', () => {
  it('offers the three starts, each saying it starts the no-card Pro trial', async () => {
    const { cookie } = await newPerson()
    const page = (await callLoader(loader as never, { path: '/onboarding?plan=business', headers: { cookie } })) as Awaited<ReturnType<typeof loader>>
    expect(page.plan).toBe('business')
    expect(page.choices?.map((c) => [c.id, c.label])).toEqual([
      ['free', 'Start free'],
      ['pro', 'Start with Pro'],
      ['business', 'Start with Business'],
    ])
    for (const choice of page.choices!) expect(choice.starts).toMatch(/^Starts a 14-day trial of Pro; no card is needed\./)
  })

  it('creates a Business start on the Pro trial and goes on to Billing', async () => {
    const { cookie } = await newPerson()
    const company = `Newco ${faker.string.alphanumeric({ length: 8, casing: 'lower' })}`
    const answer = await answerOf(await callAction(action as never, { path: '/onboarding', headers: { cookie }, form: { name: 'Maya', company, slug: '', plan: 'business' } }))
    const slug = suggestSlug(company)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe(`/w/${slug}/settings/billing`)
    const { rows } = await ownerPool().query('SELECT subscribed_plan, trial_ends_at > now() + interval \'13 days\' AS trial FROM workspace WHERE slug = $1', [slug])
    expect(rows).toEqual([{ subscribed_plan: null, trial: true }])
  })

  it('refuses an unknown plan and an overlong address in words', async () => {
    const { cookie } = await newPerson()
    const form = { name: 'Maya', company: 'Newco', slug: 'x'.repeat(5000), plan: 'platinum' }
    const answer = await answerOf(await callAction(action as never, { path: '/onboarding', headers: { cookie }, form }))
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ fieldErrors: { slug: ['Use 1 to 48 lowercase letters, digits or hyphens.'], plan: ['Choose how to start.'] } })
  })
})
