// Billing off (no Stripe key: self-hosting): every workspace has the Business plan whatever its
// billing columns say, so what Free refuses is allowed, no banner is shown, and the pricing page
// says that billing is off on this installation.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { planBanners } from '~/modules/billing/plan-banners.server'
import { workspacePlan } from '~/modules/billing/entitlements.server'
import { billingEnabled } from '~/modules/config/env.server'
import { withTenant } from '~/modules/db/tenant.server'
import { setIpAllowlist } from '~/modules/tenancy/workspace-settings.server'
import { inviteMember } from '~/modules/tenancy/members.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { createWebhookEndpoint } from '~/modules/webhooks/endpoints.server'
import { loader as home } from '~/routes/marketing/home'
import { setBilling } from '../support/billing-state'
import { makeOwnedWorkspace } from '../support/factories'

vi.hoisted(() => {
  // Whatever the shell or .env holds: no Stripe key in this file (blank is unset).
  process.env.STRIPE_SECRET_KEY = ''
})

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

describe('without STRIPE_SECRET_KEY', () => {
  it('gives a workspace with a lapsed subscription every feature and Business’s limits, and no banner', async () => {
    expect(billingEnabled()).toBe(false)
    const { workspace, owner, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, { subscribedPlan: 'pro', subscriptionStatus: 'canceled' })
    const plan = await withTenant(member.tenant, (tx) => workspacePlan({ tx, workspaceId: workspace.id }))
    expect(plan).toEqual({ plan: 'business', source: 'self-hosted', until: null })

    await createWebhookEndpoint(member.tenant, { url: 'https://hooks.example/candor', events: ['request.received'] }, {})
    await createApiKey(member.tenant, owner.id, { name: 'sync', scopes: ['workspace:read'] }, {})
    await setIpAllowlist(member, ['10.0.0.0/8'], {})
    for (let i = 0; i < 5; i++) {
      await inviteMember(member, { email: faker.internet.email().toLowerCase(), role: 'viewer' }, 'https://candor.example', {})
    }
    expect(await planBanners({ ...member, plan })).toEqual([])
  })

  it('makes the pricing page say billing is off', () => {
    expect(home()).toMatchObject({ billingOn: false })
  })
})
