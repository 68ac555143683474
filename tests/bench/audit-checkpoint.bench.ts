// Benchmark: the audit page's chain check with a long chain (AUDIT_CHECKPOINT_BENCH_ENTRIES,
// default 2,000,000 entries, bulk-inserted with real hashes). Measures the full verification
// (a walk of the whole chain, as the audit.verify job and audit:verify do), then the page's
// work with a checkpoint near the head (the chain check and the first page of entries, in the
// page's one transaction as the application role) and with the checkpoint so far behind that a
// load walks its whole limit; shows that walking the whole chain in that transaction fails; then edits an old entry as the owner and checks that the page's walk
// misses it and the full verification finds it. Run with `npm run bench:audit-checkpoint`;
// prints one JSON line.
import { expect, it } from 'vitest'
import { verifyChainFully } from '~/modules/audit/full-verification.server'
import { auditPage } from '~/modules/audit/list.server'
import { recordAudit } from '~/modules/audit/record.server'
import { chainStatusInTransaction, transactionQueryable } from '~/modules/audit/verify-in-transaction.server'
import { verifyChain } from '~/modules/audit/verify.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { appendBulkEntries, tamperAuditEntries } from '../support/audit-chain'
import { makeWorkspace } from '../support/factories'
import { printFigures } from '../support/bench-figures'

const ENTRIES = Number(process.env.AUDIT_CHECKPOINT_BENCH_ENTRIES ?? 2_000_000)
/** Entries appended after the full verification's checkpoint, as a day's work would. */
const NEW_SINCE_CHECKPOINT = 200
const PAGE_ROUNDS = 7
const PAGE_LIMIT = 20_000
const TAMPERED_SEQ = 1_000

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2))

it('measures the audit page and the full verification over a long chain', async () => {
  const { workspace } = await makeWorkspace()
  const tenant = { workspaceId: workspace.id, actor: { type: 'system', reason: 'benchmark' } as const }

  let started = performance.now()
  await appendBulkEntries(workspace.id, ENTRIES)
  const fillSeconds = seconds(started)
  await ownerPool().query('ANALYZE audit_entry')

  started = performance.now()
  const full = await verifyChainFully(workspace.id)
  const fullSeconds = seconds(started)
  expect(full).toMatchObject({ ok: true, entries: ENTRIES + 1 })

  for (let i = 0; i < NEW_SINCE_CHECKPOINT; i++) {
    await withTenant(tenant, (tx) => recordAudit(tx, tenant, { action: 'bench.after_checkpoint', after: { i } }))
  }

  // What the audit page's loader does in its transaction: the chain check and the newest 50 entries.
  const pageTimes: number[] = []
  for (let round = 0; round < PAGE_ROUNDS; round++) {
    const roundStarted = performance.now()
    const { status, page } = await withTenant(tenant, async (tx) => ({
      status: await chainStatusInTransaction(tx, workspace.id, { limit: PAGE_LIMIT }),
      page: await auditPage(tx, workspace.id, {}, undefined),
    }))
    pageTimes.push(performance.now() - roundStarted)
    expect(status.ok).toBe(true)
    expect(status.walk.entries).toBe(NEW_SINCE_CHECKPOINT)
    expect(page.rows).toHaveLength(50)
  }

  // The page's worst case: the hourly checkpoint far behind, so a load walks its whole limit.
  await appendBulkEntries(workspace.id, PAGE_LIMIT + 1_000)
  const atLimitTimes: number[] = []
  for (let round = 0; round < 3; round++) {
    const roundStarted = performance.now()
    const status = await withTenant(tenant, async (tx) => {
      const walked = await chainStatusInTransaction(tx, workspace.id, { limit: PAGE_LIMIT })
      await auditPage(tx, workspace.id, {}, undefined)
      return walked
    })
    atLimitTimes.push(performance.now() - roundStarted)
    expect(status.walk).toMatchObject({ ok: true, entries: PAGE_LIMIT, unverified: NEW_SINCE_CHECKPOINT + 1_000 })
  }

  // The page before checkpoints: the whole chain walked in its one 5-second transaction.
  started = performance.now()
  const oldWay = await withTenant(tenant, (tx) => verifyChain(transactionQueryable(tx), workspace.id)).then(
    (report) => `finished (${report.entries} entries)`,
    (error: Error) => `failed: ${error.message.replace(/\s+/g, ' ').slice(0, 160)}`,
  )
  const oldWaySeconds = seconds(started)

  // An old entry edited behind the application's back: the page's walk from the checkpoint
  // cannot see it; the full verification names it, and the page then shows the chain broken.
  await tamperAuditEntries(`UPDATE audit_entry SET after = '{"forged": true}' WHERE workspace_id = $1 AND seq = $2`, [workspace.id, TAMPERED_SEQ])
  const pageAfterTamper = await withTenant(tenant, (tx) => chainStatusInTransaction(tx, workspace.id, { limit: PAGE_LIMIT }))
  started = performance.now()
  const fullAfterTamper = await verifyChainFully(workspace.id)
  const fullAfterTamperSeconds = seconds(started)
  expect(fullAfterTamper).toMatchObject({ ok: false, firstBroken: { seq: String(TAMPERED_SEQ) } })
  const pageAfterFull = await withTenant(tenant, (tx) => chainStatusInTransaction(tx, workspace.id, { limit: PAGE_LIMIT }))
  expect(pageAfterFull.ok).toBe(false)

  printFigures({
    bench: 'audit-checkpoint',
    entries: ENTRIES + 1 + NEW_SINCE_CHECKPOINT,
    bulk_fill_s: fillSeconds,
    full_verification_s: fullSeconds,
    full_verification_entries_per_s: Math.round((ENTRIES + 1) / fullSeconds),
    page_ms_median: Math.round(median(pageTimes)),
    page_ms_all: pageTimes.map(Math.round),
    page_new_entries_verified: NEW_SINCE_CHECKPOINT,
    page_ms_at_limit_median: Math.round(median(atLimitTimes)),
    page_at_limit_entries_verified: PAGE_LIMIT,
    page_at_limit_chain_entries: ENTRIES + 1 + NEW_SINCE_CHECKPOINT + PAGE_LIMIT + 1_000,
    whole_chain_in_page_transaction: oldWay,
    whole_chain_in_page_transaction_s: oldWaySeconds,
    tampered_old_entry: TAMPERED_SEQ,
    page_walk_after_tamper_ok: pageAfterTamper.walk.ok,
    full_verification_after_tamper_broken_at: fullAfterTamper.firstBroken?.seq ?? null,
    full_verification_after_tamper_s: fullAfterTamperSeconds,
    page_after_full_verification_ok: pageAfterFull.ok,
  })
})
