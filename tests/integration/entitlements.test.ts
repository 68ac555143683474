// Entitlements with billing on (the Stripe variables set before anything reads the environment),
// against real PostgreSQL: each limit refuses one more and deletes nothing, a feature is refused
// on Free and allowed on Pro, the API answers a stable code, past_due keeps the plan for the
// grace period, and a data subject files and confirms a request on a Free workspace far over its
// yearly number: billing never blocks them, the workspace is told instead.
import { faker } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiKey } from '~/modules/auth/api-keys.server'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { billingPath } from '~/modules/billing/billing-path'
import { EntitlementRefused } from '~/modules/billing/entitlements.server'
import { planBanners } from '~/modules/billing/plan-banners.server'
import { PLANS } from '~/modules/billing/plans'
import { billingEnabled } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { confirmRequest, fileRequest } from '~/modules/dsar/file-request.server'
import { startQueue, stopQueue } from '~/modules/jobs/queue.server'
import { inviteMember } from '~/modules/tenancy/members.server'
import { createDocument, storeDocumentFile } from '~/modules/trust/documents.server'
import { announceChange, proposeChange } from '~/modules/trust/subprocessor-changes.server'
import { proposeChangeInput } from '~/modules/trust/subprocessor-forms'
import { earliestEffectiveDay } from '~/modules/trust/subprocessor-rules'
import { setIpAllowlist } from '~/modules/tenancy/workspace-settings.server'
import { createWebhookEndpoint, disableWebhookEndpoint, listWebhookEndpoints } from '~/modules/webhooks/endpoints.server'
import { loader as workspaceApi } from '~/routes/api/v1/workspace'
import { action as membersAction, loader as membersLoader } from '~/routes/dashboard/members'
import { loader as workspaceFrame } from '~/routes/dashboard/workspace'
import { setBilling, subscribe } from '../support/billing-state'
import { BILLING_ON_ENV } from '../support/billing-env'
import { makeOwnedWorkspace } from '../support/factories'
import { newestMailTo } from '../support/requester-mail'
import { requestInputFor } from '../support/requests'
import { answerOf, callAction, callLoader } from '../support/route-call'

await vi.hoisted(async () => {
  // Before any module reads (and caches) the environment: billing is on in this file.
  Object.assign(process.env, (await import('../support/billing-env')).BILLING_ON_ENV)
})

beforeAll(() => startQueue({ supervise: false }))
afterAll(() => stopQueue({ graceMs: 0 }))

const DAY_MS = 86_400_000
const hook = () => ({ url: `https://hooks.example/${faker.string.alphanumeric(8)}`, events: ['request.received' as const] })

/** What the promise rejected with, as an EntitlementRefused (fails the test if it resolved). */
async function refusal(promise: Promise<unknown>): Promise<EntitlementRefused> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  expect(thrown).toBeInstanceOf(EntitlementRefused)
  return thrown as EntitlementRefused
}

async function cookieOf(userId: string) {
  const { token } = await withPlatform((tx) => startSession(tx, userId))
  return (await sessionCookie().serialize(token)).split(';')[0]!
}

it('runs with billing on (the Stripe variables of this file)', () => {
  expect(billingEnabled()).toBe(true)
  expect(process.env.STRIPE_SECRET_KEY).toBe(BILLING_ON_ENV.STRIPE_SECRET_KEY)
})

describe('members', () => {
  it('counts members and open invitations; over the limit the dashboard refuses with the billing link and keeps everyone', async () => {
    const { workspace, owner, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    // Free allows 3: the owner and two invitations fill it.
    await inviteMember(member, { email: faker.internet.email().toLowerCase(), role: 'agent' }, 'https://candor.example', {})
    await inviteMember(member, { email: faker.internet.email().toLowerCase(), role: 'viewer' }, 'https://candor.example', {})

    const cookie = await cookieOf(owner.id)
    const path = `/w/${workspace.slug}/members`
    const params = { slug: workspace.slug }
    const refused = await answerOf(
      await callAction(membersAction, { path, params, headers: { cookie }, form: { intent: 'invite', email: faker.internet.email(), role: 'viewer' } }),
    )
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({
      error: `The Free plan allows 3 members (with open invitations), and this workspace has reached it. Upgrade the plan to add more.`,
      upgrade: billingPath(workspace.slug),
    })
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM invitation WHERE workspace_id = $1 AND revoked_at IS NULL', [workspace.id])
    expect(rows[0].n).toBe(2)

    // Pro allows 15: the same invitation now goes out.
    await subscribe(workspace.id, 'pro')
    const sent = await callAction(membersAction, { path, params, headers: { cookie }, form: { intent: 'invite', email: faker.internet.email(), role: 'viewer' } })
    expect((sent as Response).status).toBe(302)

    // Back to Free with 4 seats taken: everyone stays, the page says so, nothing more is added.
    await setBilling(workspace.id, { subscribedPlan: 'pro', subscriptionStatus: 'canceled' })
    const page = (await answerOf(await callLoader(membersLoader, { path, params, headers: { cookie } }))).body as {
      seats: { message: string; upgrade: string }
      invitations: unknown[]
    }
    expect(page.invitations).toHaveLength(3)
    expect(page.seats).toEqual({
      message: 'The Free plan allows 3 members (with open invitations); this workspace has 4. They all stay, but none can be added.',
      upgrade: billingPath(workspace.slug),
    })
  })
})

describe('webhook endpoints', () => {
  it('are refused on Free (a feature), allowed on Pro up to its limit, and kept when the plan goes down', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    const onFree = await refusal(createWebhookEndpoint(member.tenant, hook(), {}))
    expect(onFree.code).toBe('plan_feature_missing')
    expect(onFree.message).toBe('Signed webhooks on privacy-request events is part of the Pro plan; this workspace is on Free.')

    await subscribe(workspace.id, 'business')
    const made = []
    for (let i = 0; i < 4; i++) made.push(await createWebhookEndpoint(member.tenant, hook(), {}))

    // Pro allows 3 active endpoints: the 4th stays, a 5th is refused until two are disabled.
    await subscribe(workspace.id, 'pro')
    const overLimit = await refusal(createWebhookEndpoint(member.tenant, hook(), {}))
    expect(overLimit.code).toBe('plan_limit_reached')
    expect(overLimit.message).toContain('The Pro plan allows 3 active webhook endpoints; this workspace has 4.')
    expect((await withTenant(member.tenant, listWebhookEndpoints)).filter((e) => !e.disabledAt)).toHaveLength(4)
    expect(await disableWebhookEndpoint(member.tenant, made[0]!.id, {})).toBe(true)
    await refusal(createWebhookEndpoint(member.tenant, hook(), {}))
    expect(await disableWebhookEndpoint(member.tenant, made[1]!.id, {})).toBe(true)
    await expect(createWebhookEndpoint(member.tenant, hook(), {})).resolves.toMatchObject({ id: expect.any(String) })
  })
})

describe('API keys and the API', () => {
  it('refuses a key on Free, allows Pro’s 5, and the API answers plan_feature_missing once the plan lacks it', async () => {
    const { workspace, owner, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    const input = { name: 'CRM sync', scopes: ['workspace:read' as const] }
    expect((await refusal(createApiKey(member.tenant, owner.id, input, {}))).code).toBe('plan_feature_missing')

    await subscribe(workspace.id, 'pro')
    const keys: { token: string }[] = []
    for (let i = 0; i < PLANS.pro.limits.apiKeys!; i++) keys.push(await createApiKey(member.tenant, owner.id, input, {}))
    expect((await refusal(createApiKey(member.tenant, owner.id, input, {}))).code).toBe('plan_limit_reached')

    const call = async () =>
      answerOf(await callLoader(workspaceApi, { path: '/api/v1/workspace', headers: { authorization: `Bearer ${keys[0]!.token}` } }))
    expect((await call()).status).toBe(200)

    await setBilling(workspace.id, { subscribedPlan: 'pro', subscriptionStatus: 'unpaid' })
    const refused = await call()
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({
      error: { code: 'plan_feature_missing', message: 'REST API with scoped keys is part of the Pro plan; this workspace is on Free.' },
    })
    const { rows } = await ownerPool().query('SELECT count(*)::int AS n FROM api_key WHERE workspace_id = $1 AND revoked_at IS NULL', [workspace.id])
    expect(rows[0].n).toBe(5)
  })
})

describe('trust-page documents', () => {
  it('are refused past Free’s 3 and gated ones need Pro; what exists stays', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    const upload = async (visibility: 'public' | 'gated') => {
      const file = await storeDocumentFile(member.tenant, new File(['%PDF-1.4\n% report\n%%EOF\n'], 'report.pdf'))
      return createDocument(member, { title: `Report ${visibility}`, description: '', visibility }, file, {})
    }
    expect((await refusal(upload('gated'))).code).toBe('plan_feature_missing')
    for (let i = 0; i < PLANS.free.limits.documents!; i++) await upload('public')
    const full = await refusal(upload('public'))
    expect(full.code).toBe('plan_limit_reached')
    expect(full.message).toContain('The Free plan allows 3 trust-page documents, and this workspace has reached it.')

    await subscribe(workspace.id, 'pro')
    await expect(upload('gated')).resolves.toEqual(expect.any(String))
    const { rows } = await ownerPool().query('SELECT visibility, count(*)::int AS n FROM trust_document WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1', [workspace.id])
    expect(rows).toEqual([
      { visibility: 'public', n: 3 },
      { visibility: 'gated', n: 1 },
    ])
  })
})

describe('sub-processor change notices', () => {
  it('cannot be announced on Free (the draft stays a draft), and are on Pro', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    const change = await proposeChange(
      member,
      proposeChangeInput.parse({ kind: 'add', name: 'Stripe', purpose: 'Payments', policyUrl: 'https://stripe.com/legal/dpa', effectiveOn: earliestEffectiveDay(new Date(), 'UTC', 30) }),
      {},
    )
    expect((await refusal(announceChange(member, change.id, {}))).code).toBe('plan_feature_missing')
    const state = async () => (await ownerPool().query('SELECT state FROM subprocessor_change WHERE id = $1', [change.id])).rows[0].state
    expect(await state()).toBe('draft')
    await subscribe(workspace.id, 'pro')
    await announceChange(member, change.id, {})
    expect(await state()).toBe('announced')
  })
})

describe('the IP allowlist (Business)', () => {
  it('is refused on Pro, allowed on Business, and may always be emptied', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await subscribe(workspace.id, 'pro')
    expect((await refusal(setIpAllowlist(member, ['10.0.0.0/8'], {}))).code).toBe('plan_feature_missing')
    await subscribe(workspace.id, 'business')
    await setIpAllowlist(member, ['10.0.0.0/8'], {})
    await subscribe(workspace.id, 'pro')
    await setIpAllowlist(member, [], {})
    const { rows } = await ownerPool().query('SELECT ip_allowlist FROM workspace WHERE id = $1', [workspace.id])
    expect(rows[0].ip_allowlist).toEqual([])
  })
})

describe('grace and trial', () => {
  it('keeps Pro for 14 days after a failed payment, with the banner; then Free', async () => {
    const { workspace, owner, member } = await makeOwnedWorkspace()
    const pastDueSince = new Date(Date.now() - 3 * DAY_MS)
    await setBilling(workspace.id, { subscribedPlan: 'pro', subscriptionStatus: 'past_due', pastDueSince })
    await expect(createWebhookEndpoint(member.tenant, hook(), {})).resolves.toBeTruthy()

    const cookie = await cookieOf(owner.id)
    const frame = async () =>
      (await answerOf(await callLoader(workspaceFrame, { path: `/w/${workspace.slug}`, params: { slug: workspace.slug }, headers: { cookie } })))
        .body as { banners: { text: string; link: { href: string } | null }[] }
    const until = new Date(pastDueSince.getTime() + 14 * DAY_MS).toISOString().slice(0, 10)
    expect((await frame()).banners).toEqual([
      {
        tone: 'warning',
        text: `Payment failed: this workspace keeps Pro until ${until} while the payment is retried, then moves to Free.`,
        link: { href: billingPath(workspace.slug), label: 'Update the payment method' },
      },
    ])

    await setBilling(workspace.id, { subscribedPlan: 'pro', subscriptionStatus: 'past_due', pastDueSince: new Date(Date.now() - 15 * DAY_MS) })
    expect((await refusal(createWebhookEndpoint(member.tenant, hook(), {}))).code).toBe('plan_feature_missing')
    expect((await frame()).banners).toEqual([])
  })

  it('shows the trial to every member, the billing link only to who may manage billing', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    const trialEndsAt = new Date(Date.now() + 10 * DAY_MS)
    await setBilling(workspace.id, { trialEndsAt })
    const plan = { plan: 'pro', source: 'trial', until: trialEndsAt } as const
    const text = `Pro trial until ${trialEndsAt.toISOString().slice(0, 10)}; then Free unless a plan is chosen.`
    expect(await planBanners({ ...member, plan })).toEqual([
      { tone: 'info', text, link: { href: billingPath(workspace.slug), label: 'Choose a plan' } },
    ])
    expect(await planBanners({ ...member, role: 'agent', plan })).toEqual([{ tone: 'info', text, link: null }])
  })
})

describe('a data subject', () => {
  it('files and confirms a request on a Free workspace far over its yearly number; the workspace is told', async () => {
    const { workspace, member } = await makeOwnedWorkspace()
    await setBilling(workspace.id, {})
    const cap = PLANS.free.limits.requestsPerYear!
    await ownerPool().query(
      `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship, portal_origin, received_at)
       SELECT gen_random_uuid(), $1, 'OLD-' || n, 'access', 'gdpr', 'completed', 'Earlier subject', 'earlier' || n || '@example.com', 'customer',
              'https://portal.example', now() - interval '1 day' * (n % 300)
         FROM generate_series(1, $2::int) AS n`,
      [workspace.id, cap + 10],
    )

    const email = faker.internet.email().toLowerCase()
    const input = requestInputFor({ type: 'erasure', email })
    const filed = await fileRequest(workspace.slug, input, { ip: faker.internet.ipv4(), userAgent: 'test', portalOrigin: 'https://portal.example' })
    expect(filed.outcome).toBe('filed')
    const reference = (filed as { reference: string }).reference
    const mail = await newestMailTo(email, 'Confirm your privacy request%')
    expect(await confirmRequest(workspace.slug, { reference, proof: { code: mail.code! } }, {})).toEqual({ outcome: 'confirmed', reference })
    const { rows } = await ownerPool().query('SELECT state, received_at FROM privacy_request WHERE reference = $1', [reference])
    expect(rows[0].received_at).toBeInstanceOf(Date)
    expect(rows[0].state).not.toBe('unverified')

    const banners = await planBanners({ ...member, plan: { plan: 'free', source: 'free', until: null } })
    expect(banners).toEqual([
      expect.objectContaining({
        tone: 'warning',
        text: expect.stringMatching(new RegExp(`^This workspace received ${cap + 11} privacy requests in the last 12 months; the Free plan includes ${cap}\\. Requests keep arriving`)),
      }),
    ])
  })
})
