// Benchmark: audit append rate (one writer, one transaction per entry, with the hash chain)
// against a baseline of the same inserts without the chain, measured in the same run; then
// `verify` speed over a chain of AUDIT_BENCH_ENTRIES (default 1,000,000) entries.
// Run with `npm run bench:audit`; prints one JSON line.
import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { recordAudit } from '~/modules/audit/record.server'
import { verifyChain } from '~/modules/audit/verify.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { appendBulkEntries } from '../support/audit-chain'
import { makeWorkspace } from '../support/factories'
import { printFigures } from '../support/bench-figures'

const APPENDS = Number(process.env.AUDIT_BENCH_APPENDS ?? 3_000)
const CHAIN = Number(process.env.AUDIT_BENCH_ENTRIES ?? 1_000_000)
const ROUNDS = 3
const system = { type: 'system', reason: 'benchmark' } as const

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function appendRate(workspaceId: string, chained: boolean): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < APPENDS; i++) {
    await withTenant({ workspaceId, actor: system }, async (tx) => {
      await (chained
        ? recordAudit(tx, { workspaceId, actor: system }, {
            action: 'bench.append',
            after: { i, note: 'a typical small change' },
          })
        : tx.auditEntry.create({
            data: {
              workspaceId,
              seq: BigInt(1_000_000_000 + i),
              actorType: 'system',
              actorId: 'benchmark',
              action: 'bench.append',
              after: { i, note: 'a typical small change' },
              createdAt: new Date(),
              hash: 'baseline',
            },
          }))
    })
  }
  return APPENDS / ((performance.now() - started) / 1000)
}

it('measures audit append and verify', async () => {
  const chainedRates: number[] = []
  const baselineRates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const { workspace: a } = await makeWorkspace()
    const { workspace: b } = await makeWorkspace()
    baselineRates.push(await appendRate(b.id, false))
    chainedRates.push(await appendRate(a.id, true))
  }

  const big = randomUUID()
  const fillStarted = performance.now()
  await appendBulkEntries(big, CHAIN)
  const fillSeconds = (performance.now() - fillStarted) / 1000
  await ownerPool().query('ANALYZE audit_entry')
  const verifyRates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now()
    const report = await verifyChain(ownerPool(), big)
    expect(report).toMatchObject({ ok: true, entries: CHAIN })
    verifyRates.push(CHAIN / ((performance.now() - started) / 1000))
  }

  const append = median(chainedRates)
  const baseline = median(baselineRates)
  printFigures({
    bench: 'audit',
    append_entries_per_round: APPENDS,
    rounds: ROUNDS,
    append_per_s: Math.round(append),
    append_per_s_all: chainedRates.map(Math.round),
    baseline_insert_without_chain_per_s: Math.round(baseline),
    append_to_baseline_ratio: Number((append / baseline).toFixed(2)),
    verify_entries: CHAIN,
    verify_per_s: Math.round(median(verifyRates)),
    verify_per_s_all: verifyRates.map(Math.round),
    bulk_fill_s: Number(fillSeconds.toFixed(1)),
  })
})
