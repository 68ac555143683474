// Benchmark: what requireEntitlement adds to a dashboard request, billing on. In one run,
// interleaved, ENTITLEMENTS_BENCH_ROUNDS (default 300) times after a warm-up, medians:
// - a transaction like an action's (one small query), without and with requireEntitlement for a
//   feature (one read of the workspace row by primary key) and for a limit (that read, the
//   advisory lock and the count);
// - the members page of the built server (a signed-in dashboard page; its frame reads the plan
//   with the membership, and the page says the seat limit), to set the added time against.
// Run with `npm run bench:entitlements`; one JSON line.
import { faker } from '@faker-js/faker'
import { expect, it, vi } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { requireEntitlement } from '~/modules/billing/entitlements.server'
import { billingEnabled } from '~/modules/config/env.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { buildIfStale } from '../../server/build.js'
import { median, printFigures } from '../support/bench-figures'
import { subscribe } from '../support/billing-state'
import { startCandor } from '../support/candor-server'
import { addMember, makeOwnedWorkspace } from '../support/factories'
import { BILLING_ON_ENV } from '../support/billing-env'

await vi.hoisted(async () => {
  Object.assign(process.env, (await import('../support/billing-env')).BILLING_ON_ENV)
})

const ROUNDS = Number(process.env.ENTITLEMENTS_BENCH_ROUNDS ?? 300)
const round2 = (value: number) => Math.round(value * 100) / 100

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

it('measures requireEntitlement against the same transaction without it and a dashboard page', async () => {
  expect(billingEnabled()).toBe(true)
  expect(buildIfStale()).toBe(true)
  const { workspace, owner, member } = await makeOwnedWorkspace()
  await subscribe(workspace.id, 'pro')
  for (let i = 0; i < 5; i++) await addMember(workspace.id, faker.helpers.arrayElement(['agent', 'viewer']))
  const ctx = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({ tx, workspaceId: workspace.id })

  const variants = {
    without: () => withTenant(member.tenant, (tx) => tx.membership.count()),
    feature: () =>
      withTenant(member.tenant, async (tx) => {
        await requireEntitlement(ctx(tx), 'webhooks')
        return tx.membership.count()
      }),
    limit: () =>
      withTenant(member.tenant, async (tx) => {
        await requireEntitlement(ctx(tx), 'members')
        return tx.membership.count()
      }),
  }
  const times: Record<keyof typeof variants, number[]> = { without: [], feature: [], limit: [] }
  for (const work of Object.values(variants)) for (let i = 0; i < 20; i++) await work()
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, work] of Object.entries(variants) as [keyof typeof variants, () => Promise<unknown>][]) {
      times[name].push(await timed(work))
    }
  }

  const { token } = await withPlatform((tx) => startSession(tx, owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!
  const candor = await startCandor({ CANDOR_ROLE: 'web', NODE_ENV: 'test', ...BILLING_ON_ENV })
  const pageTimes: number[] = []
  try {
    const ask = async () => {
      const response = await fetch(`${candor.url}/w/${workspace.slug}/members`, { headers: { cookie }, redirect: 'manual' })
      const body = await response.text()
      expect(response.status, body.slice(0, 200)).toBe(200)
    }
    for (let i = 0; i < 10; i++) await ask()
    for (let round = 0; round < Math.min(ROUNDS, 100); round++) pageTimes.push(await timed(ask))
  } finally {
    await candor.stop()
  }

  const without = median(times.without)
  const page = median(pageTimes)
  printFigures({
    bench: 'entitlements',
    rounds: ROUNDS,
    tx_without_ms_median: round2(without),
    tx_with_feature_check_ms_median: round2(median(times.feature)),
    tx_with_limit_check_ms_median: round2(median(times.limit)),
    feature_check_added_ms: round2(median(times.feature) - without),
    limit_check_added_ms: round2(median(times.limit) - without),
    members_page_ms_median: round2(page),
    feature_check_share_of_page: round2((median(times.feature) - without) / page),
  })
})
