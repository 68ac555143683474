// Benchmark: privacy-portal submissions per second on loopback, with the rate limiter on. The
// built server runs as a web process (CANDOR_ROLE=web: e-mails are queued, delivered by a
// worker elsewhere). Each round sends PORTAL_BENCH_REQUESTS (default 1,000) valid submissions,
// PORTAL_BENCH_CONCURRENCY (default 16) at a time, each from its own address and e-mail (as
// many people would, so no limit refuses them), and checks what was stored. In the same round,
// two baselines: as many GET /healthz (Candor's HTTP stack without the database) and as many
// GETs of a bare Node HTTP server (the machine and the load generator); then a flood of as
// many submissions from one address (after its first 10, every one is refused with 429: how
// fast refusals are answered). PORTAL_BENCH_ROUNDS (default 3) rounds; medians. Server errors
// are counted, not hidden. Plain concurrent fetch (keep-alive) generates the load: no extra
// dependency. Deadline computations per second have their own: npm run bench:deadlines.
// Run with `npm run bench:portal`; one JSON line.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { PORTAL_LIMITS } from '~/modules/dsar/file-request.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { makeWorkspace } from '../support/factories'
import { printFigures } from '../support/bench-figures'

const REQUESTS = Number(process.env.PORTAL_BENCH_REQUESTS ?? 1_000)
const CONCURRENCY = Number(process.env.PORTAL_BENCH_CONCURRENCY ?? 16)
const ROUNDS = Number(process.env.PORTAL_BENCH_ROUNDS ?? 3)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!
const round1 = (value: number) => Math.round(value * 10) / 10

type Load = { perSecond: number; p50: number; p99: number; statuses: Map<number, number> }

/** Send `count` requests made by `make(i)`, `CONCURRENCY` at a time; time each one. */
async function load(count: number, make: (i: number) => Promise<Response>): Promise<Load> {
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const sent = performance.now()
        const response = await make(i)
        await response.arrayBuffer()
        latencies.push(performance.now() - sent)
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { perSecond: count / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), statuses }
}

function submit(candor: RunningCandor, slug: string, ip: string, email: string) {
  return fetch(`${candor.url}/p/${slug}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: candor.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    body: new URLSearchParams({
      type: 'access',
      subjectName: 'Bench Subject',
      email,
      relationship: 'customer',
      jurisdiction: 'gdpr',
      details: 'Please send me a copy of my data.',
      agent: 'self',
    }),
  })
}

/** A distinct address per submission: 10.<round>.<i / 256>.<i % 256>. */
const addressOf = (round: number, i: number) => `10.${round}.${Math.floor(i / 256) % 256}.${i % 256}`

const count = (load: Load, status: number) => load.statuses.get(status) ?? 0
const serverErrors = (load: Load) => [...load.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0)

it('measures portal submissions per second with the rate limiter on', async () => {
  const bare = http.createServer((_request, response) => response.end('{"status":"ok"}'))
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
  const candor = await startCandor({ NODE_ENV: 'test', LOG_LEVEL: 'error', CANDOR_ROLE: 'web', CLIENT_IP_HEADER: 'x-forwarded-for' })
  try {
    const { workspace } = await makeWorkspace()
    // Warm-up: the first renders compile and fill caches.
    await load(50, (i) => submit(candor, workspace.slug, addressOf(200, i), `warm-${i}@bench.example`))

    const rounds: { filed: Load; healthz: Load; bare: Load; flood: Load }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const bareLoad = await load(REQUESTS, () => fetch(bareUrl))
      const healthz = await load(REQUESTS, () => fetch(`${candor.url}/healthz`))
      const filed = await load(REQUESTS, (i) => submit(candor, workspace.slug, addressOf(round, i), `subject-${round}-${i}@bench.example`))
      const floodIp = `192.0.2.${round + 1}`
      const flood = await load(REQUESTS, (i) => submit(candor, workspace.slug, floodIp, `flood-${round}-${i}@bench.example`))
      // No limit refuses people who each send one request; the flood gets at most its 10.
      expect(count(filed, 302) + serverErrors(filed)).toBe(REQUESTS)
      expect(count(healthz, 200)).toBe(REQUESTS)
      expect(count(flood, 302)).toBeLessThanOrEqual(PORTAL_LIMITS.perIp.limit)
      expect(count(flood, 429)).toBeGreaterThanOrEqual(REQUESTS - PORTAL_LIMITS.perIp.limit)
      rounds.push({ filed, healthz, bare: bareLoad, flood })
    }
    // Every submission answered as filed was stored (a 5xx may or may not have committed).
    const stored = (await ownerPool().query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_request WHERE workspace_id = $1', [workspace.id])).rows[0]!.n
    const filedAnswers = 50 + rounds.reduce((sum, r) => sum + count(r.filed, 302) + count(r.flood, 302), 0)
    expect(stored).toBeGreaterThanOrEqual(filedAnswers)

    const requestsPerS = median(rounds.map((r) => r.filed.perSecond))
    const healthzPerS = median(rounds.map((r) => r.healthz.perSecond))
    const barePerS = median(rounds.map((r) => r.bare.perSecond))
    printFigures({
      bench: 'portal',
      rounds: ROUNDS,
      requests_per_round: REQUESTS,
      concurrency: CONCURRENCY,
      requests_per_s: Math.round(requestsPerS),
      requests_per_s_all: rounds.map((r) => Math.round(r.filed.perSecond)),
      p50_ms: round1(median(rounds.map((r) => r.filed.p50))),
      p99_ms: round1(median(rounds.map((r) => r.filed.p99))),
      server_errors: rounds.map((r) => serverErrors(r.filed)),
      baseline_healthz_per_s: Math.round(healthzPerS),
      baseline_bare_node_per_s: Math.round(barePerS),
      ratio_to_healthz: Number((requestsPerS / healthzPerS).toFixed(3)),
      ratio_to_bare_node: Number((requestsPerS / barePerS).toFixed(3)),
      flood_refusals_per_s: Math.round(median(rounds.map((r) => r.flood.perSecond))),
      flood_p50_ms: round1(median(rounds.map((r) => r.flood.p50))),
      flood_p99_ms: round1(median(rounds.map((r) => r.flood.p99))),
      flood_server_errors: rounds.map((r) => serverErrors(r.flood)),
    })
  } finally {
    await candor.stop()
    bare.close()
  }
})
