// A restore drill (backup.drill weekly, an operator's request, npm run backup:drill): the
// newest succeeded backup restored into a scratch database with every check of a restore
// (restore.server.ts: the object's SHA-256, every encrypted record, each table's row count,
// the foreign keys, every audit chain), the scratch database dropped, and the result recorded
// with its receipt in the platform audit log. A failed drill e-mails the operators.
// Where a drill can run (it needs BACKUP_PRIVATE_KEY): docs/decisions/022-drills-and-age-out.md.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { z } from 'zod'
import type { Actor } from '~/modules/db/tenant.server'
import { errorFields, log } from '~/modules/observability/log.server'
import { scrubText } from '~/modules/observability/scrub'
import { backupPrivateKeys } from './backup-keys.server'
import { findSucceededBackup } from './catalogue.server'
import { alertOperators } from './drill-alert.server'
import { DRILL_TRIGGERS, type DrillOutcome, drillIds, failAbandonedDrills, finishDrillRow, startDrillRow } from './drill-records.server'
import { restoreBackup } from './restore.server'
import { createScratchDatabase, dropLeftoverScratchDatabases, dropScratchDatabase } from './scratch-database.server'

/** Session-level advisory lock: one drill at a time, and a `running` drill without it is dead. */
const LOCK_KEY = 'candor.drill'

export class DrillAlreadyRunningError extends Error {}

/** What starts a drill: the weekly schedule sends {}, the operator console names the operator. */
export const drillRequest = z
  .object({
    trigger: z.enum(DRILL_TRIGGERS).default('schedule'),
    requestedBy: z.uuid('requestedBy must be a user id').optional(),
  })
  .refine((request) => request.trigger !== 'operator' || request.requestedBy, {
    message: 'A drill an operator asked for names the operator (requestedBy).',
    path: ['requestedBy'],
  })

export type DrillRequest = z.input<typeof drillRequest>

export type DrillReport = DrillOutcome & {
  /** Earlier drills found dead and marked failed, and the scratch databases they left, dropped. */
  abandoned: number
  droppedScratchDatabases: string[]
  /** Operators e-mailed about a failure. */
  alerted: number
}

export async function runDrill(request: DrillRequest): Promise<DrillReport> {
  const { trigger, requestedBy } = drillRequest.parse(request)
  const actor: Actor =
    trigger === 'operator' && requestedBy ? { type: 'operator', userId: requestedBy } : { type: 'system', reason: `backup.drill (${trigger})` }
  const connectionString = process.env.DATABASE_URL
  if (!connectionString) throw new Error('DATABASE_URL is not set: the database must be started first')
  const owner = new pg.Client({ connectionString, application_name: 'candor-drill' })
  owner.on('error', () => {})
  await owner.connect()
  try {
    const { rows } = await owner.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [LOCK_KEY])
    if (!rows[0]!.locked) throw new DrillAlreadyRunningError('Another restore drill is running; this one was not started.')
    const abandoned = await failAbandonedDrills(owner)
    const droppedScratchDatabases = await dropLeftoverScratchDatabases(await drillIds(owner))

    const id = randomUUID()
    await startDrillRow(owner, { id, trigger, requestedBy: requestedBy ?? null })
    const outcome = await restoreIntoScratch(owner, id)
    // The alert is queued before the result commits: a crash between the two leaves the drill
    // running (the next drill marks it failed), never a failure nobody was told of. An alert
    // that cannot be queued is logged, and the result is recorded all the same.
    const alerted =
      outcome.status === 'failed'
        ? await alertOperators(outcome).catch((error: unknown) => {
            log('error', 'could not e-mail the operators about a failed restore drill', { drill: id, ...errorFields(error) })
            return 0
          })
        : 0
    await finishDrillRow(owner, actor, outcome)
    return { ...outcome, abandoned, droppedScratchDatabases, alerted }
  } finally {
    await owner.end().catch(() => {})
  }
}

async function restoreIntoScratch(owner: pg.Client, id: string): Promise<DrillOutcome> {
  const started = performance.now()
  const outcome = (fields: Pick<DrillOutcome, 'status' | 'backupId' | 'rows' | 'chainsVerified' | 'error'>): DrillOutcome => ({
    id,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  })
  let backupId: string | null = null
  try {
    const backup = await findSucceededBackup('latest', owner)
    backupId = backup.id
    await owner.query('UPDATE backup_drill SET backup_id = $2 WHERE id = $1', [id, backup.id])
    const keys = await backupPrivateKeys().catch((error: Error) => {
      throw new Error(`Backup ${backup.id} was not restored: ${error.message}`)
    })
    const scratch = await createScratchDatabase(id)
    try {
      const summary = await restoreBackup(backup, scratch.url, keys)
      const intact = summary.chains.filter((chain) => chain.ok)
      const broken = summary.chains.filter((chain) => !chain.ok).map((chain) => chain.workspaceId ?? 'platform')
      return outcome({
        status: broken.length ? 'failed' : 'passed',
        backupId,
        rows: summary.rows,
        chainsVerified: intact.length,
        error: broken.length ? `Backup ${backup.id} restored, but audit chains are broken in it: ${broken.join(', ')}.` : null,
      })
    } finally {
      await dropScratchDatabase(scratch.name)
    }
  } catch (error) {
    const message = scrubText((error as Error).message ?? String(error)).slice(0, 2000)
    return outcome({ status: 'failed', backupId, rows: null, chainsVerified: null, error: message })
  }
}
