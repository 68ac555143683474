// Benchmark: deadline computations per second (computeDeadlines, pure, one core). A mix of
// 1,000 realistic requests (every jurisdiction, five time zones and holiday calendars, some
// with pauses, extensions and internal targets) cycled DEADLINES_BENCH_COMPUTATIONS (default
// 100,000) times per run, 5 runs after a warm-up; the median counts.
// Run with `npm run bench:deadlines`; prints one JSON line.
import { expect, it } from 'vitest'
import { type DeadlineInput, computeDeadlines } from '~/modules/dsar/deadlines'
import type { HolidayCountry } from '~/modules/dsar/holidays'
import type { Jurisdiction, RequestType } from '~/modules/dsar/request-kinds'
import { printFigures } from '../support/bench-figures'

const COMPUTATIONS = Number(process.env.DEADLINES_BENCH_COMPUTATIONS ?? 100_000)
const RUNS = 5
const DAY_MS = 86_400_000

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const WORKSPACES: { jurisdiction: Jurisdiction; timeZone: string; country: HolidayCountry }[] = [
  { jurisdiction: 'gdpr', timeZone: 'Europe/Berlin', country: 'DE' },
  { jurisdiction: 'uk_gdpr', timeZone: 'Europe/London', country: 'GB-ENG' },
  { jurisdiction: 'ccpa', timeZone: 'America/Los_Angeles', country: 'US' },
  { jurisdiction: 'lgpd', timeZone: 'America/Sao_Paulo', country: 'BR' },
  { jurisdiction: 'other', timeZone: 'Europe/Paris', country: 'FR' },
]
const TYPES: RequestType[] = ['access', 'erasure', 'opt_out', 'rectification']

/** Request i of the mix: receipts spread over 2026-2027 at all hours, deterministic. */
function request(i: number): DeadlineInput {
  const workspace = WORKSPACES[i % WORKSPACES.length]!
  const receivedAt = new Date(Date.UTC(2026, 0, 1) + ((i * 7_919_993) % (730 * DAY_MS)))
  const paused = i % 3 === 0
  return {
    jurisdiction: workspace.jurisdiction,
    type: TYPES[i % TYPES.length]!,
    receivedAt,
    timeZone: workspace.timeZone,
    holidays: { country: workspace.country, custom: i % 10 === 0 ? ['2026-12-24', '2027-12-24'] : [] },
    pauses: paused
      ? [
          {
            from: new Date(receivedAt.getTime() + DAY_MS),
            to: new Date(receivedAt.getTime() + 4 * DAY_MS),
            reason: i % 2 === 0 ? 'identity' : 'clarification',
          },
        ]
      : [],
    extendedAt: i % 5 === 1 ? new Date(receivedAt.getTime() + 20 * DAY_MS) : null,
    internalTargetDays: i % 4 === 0 ? 21 : null,
  }
}

it('measures deadline computations per second', () => {
  const inputs = Array.from({ length: 1_000 }, (_, i) => request(i))
  const run = () => {
    let checksum = 0
    const started = performance.now()
    for (let i = 0; i < COMPUTATIONS; i++) {
      checksum += computeDeadlines(inputs[i % inputs.length]!).effective.endsAt.getTime() % 7
    }
    const seconds = (performance.now() - started) / 1000
    expect(checksum).toBeGreaterThan(0)
    return COMPUTATIONS / seconds
  }

  run() // warm-up: JIT, Intl formatters, holiday sets
  const rates = Array.from({ length: RUNS }, run)
  printFigures({
    bench: 'deadlines',
    computations_per_run: COMPUTATIONS,
    computations_per_s: Math.round(median(rates)),
    runs: rates.map(Math.round),
  })
})
