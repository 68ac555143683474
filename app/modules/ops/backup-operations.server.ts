// What the operator console shows of backups, restore drills and retention purges: the recent
// runs as their jobs recorded them (the backup catalogue, the drill receipts, the purge runs),
// and the runs asked for that no worker has started yet, read from pg-boss's table. A run is
// shown as its record says: queued until a worker starts it, running until it records a result.
import { ownerPool } from '~/modules/db/owner.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { BOSS_SCHEMA, QUEUES, type QueueName } from '~/modules/jobs/queues'

/** What an operator may run now, and the queue that runs it. */
export const RUN_KINDS = { backup: 'backup.run', drill: 'backup.drill', purge: 'retention.purge' } as const satisfies Record<string, QueueName>
export type RunKind = keyof typeof RUN_KINDS

/** How many of each kind of run the page lists, newest first. */
const RECENT = 20

export type WaitingRun = {
  jobId: string
  /** queued: no worker has taken it yet; retrying: a try failed, the next one is at `startsAt`. */
  state: 'queued' | 'retrying'
  queuedAt: Date
  startsAt: Date
  trigger: string
  requestedBy: string | null
}

/** Jobs of the three queues that wait for a worker (created, or failed and waiting to retry). */
export async function waitingRuns(): Promise<Record<RunKind, WaitingRun[]>> {
  const { rows } = await ownerPool().query<{
    id: string
    name: QueueName
    state: 'created' | 'retry'
    created_on: Date
    start_after: Date
    trigger: string | null
    requested_by: string | null
  }>(
    `SELECT id, name, state, created_on, start_after, data->>'trigger' AS trigger, data->>'requestedBy' AS requested_by
       FROM ${BOSS_SCHEMA}.job
      WHERE name = ANY($1::text[]) AND state IN ('created', 'retry')
      ORDER BY created_on DESC`,
    [Object.values(RUN_KINDS)],
  )
  const waiting: Record<RunKind, WaitingRun[]> = { backup: [], drill: [], purge: [] }
  for (const row of rows) {
    const kind = (Object.keys(RUN_KINDS) as RunKind[]).find((k) => RUN_KINDS[k] === row.name)!
    waiting[kind].push({
      jobId: row.id,
      state: row.state === 'retry' ? 'retrying' : 'queued',
      queuedAt: row.created_on,
      startsAt: row.start_after,
      // A cron job carries no payload: it is the schedule's.
      trigger: row.trigger ?? 'schedule',
      requestedBy: row.requested_by,
    })
  }
  return waiting
}

/** Seconds after which pg-boss gives up on a running job of `kind`: a record still running then was cut off. */
const runLimitMs = (kind: RunKind) => QUEUES.find((q) => q.name === RUN_KINDS[kind])!.expireInSeconds * 1000

export async function backupOperationsView(now = new Date()) {
  const waiting = await waitingRuns()
  return withPlatform(async (tx) => {
    const [backups, drills, purges] = await Promise.all([
      tx.backup.findMany({ orderBy: { startedAt: 'desc' }, take: RECENT }),
      tx.backupDrill.findMany({ orderBy: { startedAt: 'desc' }, take: RECENT, include: { requester: { select: { email: true } } } }),
      tx.retentionPurgeRun.findMany({ orderBy: { startedAt: 'desc' }, take: RECENT }),
    ])
    const requesterIds = [...new Set(Object.values(waiting).flatMap((runs) => runs.flatMap((run) => (run.requestedBy ? [run.requestedBy] : []))))]
    const requesters = new Map(
      (await tx.user.findMany({ where: { id: { in: requesterIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
    )
    const overdue = (kind: RunKind, status: string, startedAt: Date) => status === 'running' && now.getTime() - startedAt.getTime() > runLimitMs(kind)
    const hasSucceededBackup = (await tx.backup.count({ where: { status: 'succeeded' } })) > 0
    const named = (runs: WaitingRun[]) => runs.map((run) => ({ ...run, requestedBy: run.requestedBy ? (requesters.get(run.requestedBy) ?? 'a former operator') : null }))
    return {
      hasSucceededBackup,
      backups: {
        waiting: named(waiting.backup),
        runs: backups.map((b) => ({
          id: b.id,
          status: b.status,
          overdue: overdue('backup', b.status, b.startedAt),
          startedAt: b.startedAt,
          finishedAt: b.finishedAt,
          bytes: b.bytes === null ? null : Number(b.bytes),
          rows: b.rowCounts ? Object.values(b.rowCounts as Record<string, number>).reduce((sum, n) => sum + n, 0) : null,
          keyId: b.keyId,
          error: b.error,
        })),
      },
      drills: {
        waiting: named(waiting.drill),
        runs: drills.map((d) => ({
          id: d.id,
          status: d.status,
          overdue: overdue('drill', d.status, d.startedAt),
          backupId: d.backupId,
          startedAt: d.startedAt,
          trigger: d.trigger,
          requestedBy: d.requester?.email ?? null,
          durationMs: d.durationMs,
          rows: d.rows === null ? null : Number(d.rows),
          chainsVerified: d.chainsVerified,
          error: d.error,
        })),
      },
      purges: {
        waiting: named(waiting.purge),
        runs: purges.map((p) => ({
          id: p.id,
          status: p.status,
          overdue: overdue('purge', p.status, p.startedAt),
          startedAt: p.startedAt,
          finishedAt: p.finishedAt,
          trigger: p.trigger,
          counts: Object.entries((p.counts ?? {}) as Record<string, number>),
          error: p.error,
        })),
      },
    }
  })
}

export type BackupOperationsView = Awaited<ReturnType<typeof backupOperationsView>>
