// Benchmark: privacy-portal submissions per second on loopback, with the rate limiter on. The
// built server runs as a production web process (NODE_ENV=production, CANDOR_ROLE=web: e-mails
// are queued, delivered by a worker elsewhere). Each round sends PORTAL_BENCH_REQUESTS (default
// 1,000) valid submissions, PORTAL_BENCH_CONCURRENCY (default 16) at a time, each from its own
// address and e-mail (as many people would, so no limit refuses them), twice: all to one
// workspace (every filing appends to that workspace's audit chain, one writer at a time) and
// spread over PORTAL_BENCH_WORKSPACES (default 100) workspaces. In the same round, two
// baselines: as many GET /healthz (Candor's HTTP stack without the database) and as many GETs
// of a bare Node HTTP server (the machine and the load generator); then a flood of as many
// submissions from one address (after its first 10, every one is refused with 429: what a
// refusal costs). PORTAL_BENCH_ROUNDS (default 3) rounds; medians.
//
// Besides requests per second and latencies, each phase's CPU time per request: of the server
// process, of PostgreSQL (every backend and background process) and of this load generator. On
// a two-core machine shared with other work the clock-time figures move with the machine's
// load; the CPU a request costs does not, and the ratio of a submission's CPU to /healthz's is
// the throughput ratio a CPU-bound machine would reach. Server errors are counted, not hidden.
// Plain concurrent fetch (keep-alive) generates the load: no extra dependency.
// Run with `npm run bench:portal`; one JSON line.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { ownerPool } from '~/modules/db/owner.server'
import { PORTAL_LIMITS } from '~/modules/dsar/file-request.server'
import { type RunningCandor, startCandor } from '../support/candor-server'
import { makeWorkspace } from '../support/factories'
import { median, printFigures } from '../support/bench-figures'
import { processCpuMs } from '../support/process-cpu'

const REQUESTS = Number(process.env.PORTAL_BENCH_REQUESTS ?? 1_000)
const CONCURRENCY = Number(process.env.PORTAL_BENCH_CONCURRENCY ?? 16)
const ROUNDS = Number(process.env.PORTAL_BENCH_ROUNDS ?? 3)
const WORKSPACES = Number(process.env.PORTAL_BENCH_WORKSPACES ?? 100)

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!
const round1 = (value: number) => Math.round(value * 10) / 10
const round2 = (value: number) => Math.round(value * 100) / 100

/** CPU milliseconds per request of each part of the machine's work. */
type CpuPerRequest = { server: number; database: number; generator: number }
type Load = { perSecond: number; p50: number; p99: number; statuses: Map<number, number>; cpu: CpuPerRequest }

/** The CPU used so far by the Candor process, by each PostgreSQL process, and by this one. */
async function cpuNow(serverPid: number) {
  // Listed each time: a backend that opens during a phase counts whole, one that closes is lost.
  const pids = (await ownerPool().query<{ pid: number }>('SELECT pid FROM pg_stat_activity')).rows.map((row) => row.pid)
  const [server, ...database] = await Promise.all([processCpuMs(serverPid), ...pids.map(processCpuMs)])
  const own = process.cpuUsage()
  return { server: server!, database: new Map(pids.map((pid, i) => [pid, database[i]!])), generator: (own.user + own.system) / 1000 }
}

/** Send `count` requests made by `make(i)`, `CONCURRENCY` at a time; time each one. */
async function load(serverPid: number, count: number, make: (i: number) => Promise<Response>): Promise<Load> {
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let next = 0
  const cpuBefore = await cpuNow(serverPid)
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
  const cpuAfter = await cpuNow(serverPid)
  let database = 0
  for (const [pid, ms] of cpuAfter.database) database += ms - (cpuBefore.database.get(pid) ?? 0)
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    statuses,
    cpu: {
      server: (cpuAfter.server - cpuBefore.server) / count,
      database: database / count,
      generator: (cpuAfter.generator - cpuBefore.generator) / count,
    },
  }
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

/** A distinct address per submission: 10.<phase>.<i / 256>.<i % 256>. */
const addressOf = (phase: number, i: number) => `10.${phase}.${Math.floor(i / 256) % 256}.${i % 256}`

const count = (load: Load, status: number) => load.statuses.get(status) ?? 0
const serverErrors = (load: Load) => [...load.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0)
const cpuTotal = (cpu: CpuPerRequest) => cpu.server + cpu.database + cpu.generator

it('measures portal submissions per second with the rate limiter on', async () => {
  const bare = http.createServer((_request, response) => response.end('{"status":"ok"}'))
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`
  const candor = await startCandor({
    NODE_ENV: 'production',
    CANDOR_ROLE: 'web',
    CANDOR_KEK: randomBytes(32).toString('base64'),
    // Required in production; a web process only queues e-mail, so nothing is ever sent.
    RESEND_API_KEY: 're_bench_never_called',
    PLATFORM_WORKSPACE_SLUG: 'candor',
    LOG_LEVEL: 'error',
    CLIENT_IP_HEADER: 'x-forwarded-for',
  })
  try {
    const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, () => makeWorkspace().then((made) => made.workspace)))
    const one = workspaces[0]!
    // Warm-up: the first requests compile and fill caches.
    await load(candor.pid, 100, (i) => submit(candor, workspaces[i % WORKSPACES]!.slug, addressOf(250, i), `warm-${i}@bench.example`))

    const rounds: { bare: Load; healthz: Load; oneWorkspace: Load; spread: Load; flood: Load }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const bareLoad = await load(candor.pid, REQUESTS, () => fetch(bareUrl))
      const healthz = await load(candor.pid, REQUESTS, () => fetch(`${candor.url}/healthz`))
      const oneWorkspace = await load(candor.pid, REQUESTS, (i) =>
        submit(candor, one.slug, addressOf(2 * round, i), `subject-${round}-${i}@bench.example`),
      )
      const spread = await load(candor.pid, REQUESTS, (i) =>
        submit(candor, workspaces[i % WORKSPACES]!.slug, addressOf(2 * round + 1, i), `spread-${round}-${i}@bench.example`),
      )
      const floodIp = `192.0.2.${round + 1}`
      const flood = await load(candor.pid, REQUESTS, (i) => submit(candor, one.slug, floodIp, `flood-${round}-${i}@bench.example`))
      // No limit refuses people who each send one request; the flood gets at most its 10.
      for (const filed of [oneWorkspace, spread]) expect(count(filed, 302) + serverErrors(filed)).toBe(REQUESTS)
      expect(count(healthz, 200)).toBe(REQUESTS)
      expect(count(flood, 302)).toBeLessThanOrEqual(PORTAL_LIMITS.perIp.limit)
      expect(count(flood, 429)).toBeGreaterThanOrEqual(REQUESTS - PORTAL_LIMITS.perIp.limit)
      rounds.push({ bare: bareLoad, healthz, oneWorkspace, spread, flood })
    }
    // Every submission answered as filed was stored (a 5xx may or may not have committed).
    const stored = (await ownerPool().query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_request')).rows[0]!.n
    const filedAnswers = 100 + rounds.reduce((sum, r) => sum + count(r.oneWorkspace, 302) + count(r.spread, 302) + count(r.flood, 302), 0)
    expect(stored).toBeGreaterThanOrEqual(filedAnswers)

    const med = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick))
    const healthzPerS = med((r) => r.healthz.perSecond)
    const cpuOf = (pick: (r: (typeof rounds)[number]) => Load) => ({
      server: round2(med((r) => pick(r).cpu.server)),
      database: round2(med((r) => pick(r).cpu.database)),
      generator: round2(med((r) => pick(r).cpu.generator)),
    })
    const healthzCpu = med((r) => cpuTotal(r.healthz.cpu))
    printFigures({
      bench: 'portal',
      rounds: ROUNDS,
      requests_per_round: REQUESTS,
      concurrency: CONCURRENCY,
      // Submissions to one workspace (its audit chain takes one writer at a time).
      requests_per_s: Math.round(med((r) => r.oneWorkspace.perSecond)),
      requests_per_s_all: rounds.map((r) => Math.round(r.oneWorkspace.perSecond)),
      p50_ms: round1(med((r) => r.oneWorkspace.p50)),
      p99_ms: round1(med((r) => r.oneWorkspace.p99)),
      ratio_to_healthz: Number((med((r) => r.oneWorkspace.perSecond) / healthzPerS).toFixed(3)),
      server_errors: rounds.map((r) => serverErrors(r.oneWorkspace)),
      // The same, spread over WORKSPACES workspaces.
      workspaces: WORKSPACES,
      spread_requests_per_s: Math.round(med((r) => r.spread.perSecond)),
      spread_requests_per_s_all: rounds.map((r) => Math.round(r.spread.perSecond)),
      spread_p50_ms: round1(med((r) => r.spread.p50)),
      spread_p99_ms: round1(med((r) => r.spread.p99)),
      spread_ratio_to_healthz: Number((med((r) => r.spread.perSecond) / healthzPerS).toFixed(3)),
      spread_server_errors: rounds.map((r) => serverErrors(r.spread)),
      baseline_healthz_per_s: Math.round(healthzPerS),
      baseline_healthz_per_s_all: rounds.map((r) => Math.round(r.healthz.perSecond)),
      baseline_bare_node_per_s: Math.round(med((r) => r.bare.perSecond)),
      ratio_to_bare_node: Number((med((r) => r.oneWorkspace.perSecond) / med((r) => r.bare.perSecond)).toFixed(3)),
      flood_refusals_per_s: Math.round(med((r) => r.flood.perSecond)),
      flood_p50_ms: round1(med((r) => r.flood.p50)),
      flood_p99_ms: round1(med((r) => r.flood.p99)),
      flood_server_errors: rounds.map((r) => serverErrors(r.flood)),
      // CPU milliseconds per request (server process, PostgreSQL, load generator), and the
      // throughput ratio to /healthz that these costs allow on a machine whose CPU is the limit.
      cpu_ms_healthz: cpuOf((r) => r.healthz),
      cpu_ms_submission: cpuOf((r) => r.oneWorkspace),
      cpu_ms_submission_spread: cpuOf((r) => r.spread),
      cpu_ms_refusal: cpuOf((r) => r.flood),
      cpu_ratio_to_healthz: Number((healthzCpu / med((r) => cpuTotal(r.oneWorkspace.cpu))).toFixed(3)),
      cpu_ratio_refusal_to_submission: Number((med((r) => cpuTotal(r.flood.cpu)) / med((r) => cpuTotal(r.oneWorkspace.cpu))).toFixed(3)),
    })
  } finally {
    await candor.stop()
    bare.close()
  }
})
