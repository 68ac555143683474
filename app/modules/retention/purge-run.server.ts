// One run of retention.purge (the daily job, an operator's request, `npm run retention:purge`):
// as the owner on its own connection, since what it removes crosses workspaces. Each batch is
// one transaction that also adds its count to the run's `retention_purge_run` row, so a kill -9
// loses at most the batch in flight and the row always says what was done. The run ends with
// its final status and the platform audit entry of its counts in one transaction; a run that
// died is closed the same way by the next one, which holds the lock that proves it dead.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { z } from 'zod'
import { recordAuditAsOwner } from '~/modules/audit/record.server'
import type { Actor } from '~/modules/db/tenant.server'
import { assertOwnerSeesEveryRow } from '~/modules/db/owner.server'
import { scrubText } from '~/modules/observability/scrub'
import { PURGE_KINDS, PURGE_STATEMENT_TIMEOUT_MS, type PurgeCounts, type PurgeKind } from './retention-policy'
import { PURGES } from './purges.server'
import { inTransaction } from '~/modules/db/client-transaction'

/** Session-level advisory lock: one purge at a time, and a `running` row without it is dead. */
const LOCK_KEY = 'candor.retention-purge'

export class PurgeAlreadyRunningError extends Error {}

/** The job's payload: the schedule sends {}, the operator console who asked. */
export const purgeRequest = z.object({
  trigger: z.enum(['schedule', 'operator', 'command']).default('schedule'),
  requestedBy: z.uuid().optional(),
})
export type PurgeRequest = z.input<typeof purgeRequest>

/** What a purge step gets: the owner's connection, the run's clock, and a batch committer. */
export type PurgeContext = {
  client: pg.ClientBase
  now: Date
  /**
   * Run `work` in one transaction with the run's count of `kind` raised by what it returns;
   * repeated while it returns `limit` (a full batch), so a step deletes everything due.
   */
  inBatches(kind: PurgeKind, limit: number, work: () => Promise<number>): Promise<void>
  /** The same, uncounted (rows removed as part of something counted once). */
  untilDone(limit: number, work: () => Promise<number>): Promise<void>
  /** `work` once, in one transaction with its count. */
  once(kind: PurgeKind, work: () => Promise<number>): Promise<void>
  /** Add to a count outside a batch (objects deleted before the rows that named them). */
  count(kind: PurgeKind, n: number): Promise<void>
}

export type PurgeResult = { id: string; counts: PurgeCounts; abandoned: number }

export async function runRetentionPurge(request: PurgeRequest, options: { now?: Date } = {}): Promise<PurgeResult> {
  const { trigger, requestedBy } = purgeRequest.parse(request)
  const actor: Actor = trigger === 'operator' && requestedBy ? { type: 'operator', userId: requestedBy } : { type: 'system', reason: 'retention.purge' }
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  const client = new pg.Client({ connectionString, application_name: 'candor-retention-purge' })
  // A lost connection also fails the statement in flight, which reports it.
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(`SET statement_timeout = ${PURGE_STATEMENT_TIMEOUT_MS}`)
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [LOCK_KEY])
    if (!rows[0]!.locked) throw new PurgeAlreadyRunningError('Another retention purge is running; this one was not started.')
    await assertOwnerSeesEveryRow(client)
    const abandoned = await closeAbandonedRuns(client)
    const id = randomUUID()
    await client.query('INSERT INTO retention_purge_run (id, trigger, counts) VALUES ($1, $2, $3)', [id, trigger, JSON.stringify(zeroCounts())])
    const counts = zeroCounts()
    const context = purgeContext(client, id, counts, options.now ?? new Date())
    try {
      for (const purge of PURGES) await purge(context)
    } catch (error) {
      await inTransaction(client, async () => {
        const message = scrubText((error as Error).message ?? String(error)).slice(0, 2000)
        await client.query(`UPDATE retention_purge_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, message])
        await recordAuditAsOwner(client, { workspaceId: null, actor }, { action: 'retention.purge', target: { type: 'retention_purge_run', id }, after: { status: 'failed', trigger, counts, error: message } })
      })
      throw error
    }
    await inTransaction(client, async () => {
      await client.query(`UPDATE retention_purge_run SET status = 'succeeded', finished_at = now() WHERE id = $1`, [id])
      await recordAuditAsOwner(client, { workspaceId: null, actor }, { action: 'retention.purge', target: { type: 'retention_purge_run', id }, after: { status: 'succeeded', trigger, counts } })
    })
    return { id, counts, abandoned }
  } finally {
    await client.end().catch(() => {})
  }
}

const zeroCounts = (): PurgeCounts => Object.fromEntries(PURGE_KINDS.map((kind) => [kind, 0])) as PurgeCounts

const ADD_TO_COUNT = `UPDATE retention_purge_run
  SET counts = jsonb_set(counts, ARRAY[$2::text], to_jsonb(coalesce((counts->>$2)::bigint, 0) + $3::bigint))
  WHERE id = $1`

function purgeContext(client: pg.ClientBase, runId: string, counts: PurgeCounts, now: Date): PurgeContext {
  const batch = (kind: PurgeKind | null, work: () => Promise<number>) =>
    inTransaction(client, async () => {
      const done = await work()
      if (kind && done > 0) await client.query(ADD_TO_COUNT, [runId, kind, done])
      return done
    }).then((done) => {
      if (kind) counts[kind] += done
      return done
    })
  return {
    client,
    now,
    async inBatches(kind, limit, work) {
      while ((await batch(kind, work)) >= limit);
    },
    async untilDone(limit, work) {
      while ((await batch(null, work)) >= limit);
    },
    async once(kind, work) {
      await batch(kind, work)
    },
    async count(kind, n) {
      if (n === 0) return
      await client.query(ADD_TO_COUNT, [runId, kind, n])
      counts[kind] += n
    },
  }
}

/**
 * Runs that died (a crash, a kill -9): call only while holding the lock. Each is marked failed
 * with the counts its committed batches recorded, and those counts reach the audit log too.
 */
async function closeAbandonedRuns(client: pg.ClientBase): Promise<number> {
  return inTransaction(client, async () => {
    const { rows } = await client.query<{ id: string; trigger: string; counts: PurgeCounts }>(
      `UPDATE retention_purge_run SET status = 'failed', finished_at = now(), error = $1
        WHERE status = 'running' RETURNING id, trigger, counts`,
      [ABANDONED],
    )
    for (const row of rows) {
      await recordAuditAsOwner(client, { workspaceId: null, actor: { type: 'system', reason: 'retention.purge' } }, {
        action: 'retention.purge',
        target: { type: 'retention_purge_run', id: row.id },
        after: { status: 'failed', trigger: row.trigger, counts: row.counts, error: ABANDONED },
      })
    }
    return rows.length
  })
}

const ABANDONED = 'The run stopped before it finished (the process ended); what its batches committed is counted.'
