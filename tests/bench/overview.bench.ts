// Benchmark: the Overview's server time for a workspace with OVERVIEW_BENCH_REQUESTS (default
// 10,000) privacy requests spread over 12 months and every type (some completed, on time or
// late, some open and assigned), against two plain pages in the same run: /healthz (Candor's
// HTTP stack, no database) and the members page (a signed-in dashboard page with one small
// query). The built server runs as a web process; each page is asked for one at a time,
// interleaved, OVERVIEW_BENCH_ROUNDS (default 30) times after a warm-up; medians. Also the
// chart's one aggregate query on its own, with the plan PostgreSQL chose for it.
// Run with `npm run bench:overview`; one JSON line.
import { expect, it } from 'vitest'
import { sessionCookie, startSession } from '~/modules/auth/sessions.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform, withTenant } from '~/modules/db/tenant.server'
import { requestChart } from '~/modules/overview/request-chart.server'
import { buildIfStale } from '../../server/build.js'
import { median, printFigures } from '../support/bench-figures'
import { startCandor } from '../support/candor-server'
import { makeOwnedWorkspace } from '../support/factories'

const REQUESTS = Number(process.env.OVERVIEW_BENCH_REQUESTS ?? 10_000)
const ROUNDS = Number(process.env.OVERVIEW_BENCH_ROUNDS ?? 30)

const round1 = (value: number) => Math.round(value * 10) / 10

/**
 * REQUESTS requests of `workspaceId` in one statement: received over the last 365 days, types in
 * turn, deadlines a month after receipt; those older than 40 days completed (one in ten late),
 * the rest open, every third assigned to `userId`.
 */
async function fillRequests(workspaceId: string, userId: string) {
  await ownerPool().query(
    `INSERT INTO privacy_request (id, workspace_id, reference, type, jurisdiction, state, subject_name, email, relationship,
                                  portal_origin, submitted_at, received_at, due_at, completed_at, assignee_id)
     SELECT gen_random_uuid(), $1, 'B-' || i, (enum_range(NULL::request_type))[1 + i % 7], 'gdpr',
            CASE WHEN received < now() - interval '40 days' THEN 'completed' ELSE 'in_progress' END::request_state,
            'Bench Subject', 'subject' || i || '@example.com', 'customer', 'https://portal.example', received, received,
            received + interval '30 days',
            CASE WHEN received < now() - interval '40 days'
                 THEN received + CASE WHEN i % 10 = 0 THEN interval '35 days' ELSE interval '20 days' END END,
            CASE WHEN i % 3 = 0 THEN $3::uuid END
       FROM generate_series(1, $2::int) AS i,
            LATERAL (SELECT now() - (i::double precision / $2 * interval '365 days') AS received) AS r`,
    [workspaceId, REQUESTS, userId],
  )
  await ownerPool().query('ANALYZE privacy_request')
}

it('measures the Overview with 10,000 requests against plain pages', async () => {
  // The server runs the production build: make it first if a source is newer.
  expect(buildIfStale()).toBe(true)
  const { workspace, owner, member } = await makeOwnedWorkspace()
  await fillRequests(workspace.id, owner.id)
  const { token } = await withPlatform((tx) => startSession(tx, owner.id))
  const cookie = (await sessionCookie().serialize(token)).split(';')[0]!

  // The chart's query alone, and its plan under the workspace's row-level security.
  const chartTimes: number[] = []
  let received = 0
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now()
    const chart = await withTenant(member.tenant, (tx) => requestChart(tx, { timeZone: 'UTC' }))
    chartTimes.push(performance.now() - started)
    received = chart.months.reduce((sum, m) => sum + m.receivedTotal, 0)
  }
  // 365 days reach back a little further than the first day of the month 11 months ago.
  expect(received).toBeGreaterThan(REQUESTS * 0.9)

  const candor = await startCandor({ CANDOR_ROLE: 'web', NODE_ENV: 'test' })
  try {
    const pages = {
      overview: `/w/${workspace.slug}`,
      members: `/w/${workspace.slug}/members`,
      healthz: '/healthz',
    }
    const times: Record<keyof typeof pages, number[]> = { overview: [], members: [], healthz: [] }
    const ask = async (path: string) => {
      const started = performance.now()
      const response = await fetch(`${candor.url}${path}`, { headers: { cookie }, redirect: 'manual' })
      const body = await response.text()
      const ms = performance.now() - started
      expect(response.status, `${path}: ${body.slice(0, 200)}`).toBe(200)
      return { ms, body }
    }
    for (const path of Object.values(pages)) await ask(path)
    const first = await ask(pages.overview)
    expect(first.body).toContain('Requests per month')
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, path] of Object.entries(pages) as [keyof typeof pages, string][]) times[name].push((await ask(path)).ms)
    }
    printFigures({
      bench: 'overview',
      requests: REQUESTS,
      rounds: ROUNDS,
      overview_ms_median: round1(median(times.overview)),
      overview_ms_max: round1(Math.max(...times.overview)),
      members_ms_median: round1(median(times.members)),
      healthz_ms_median: round1(median(times.healthz)),
      overview_to_members: round1(median(times.overview) / median(times.members)),
      chart_query_ms_median: round1(median(chartTimes)),
    })
  } finally {
    await candor.stop()
  }
})
