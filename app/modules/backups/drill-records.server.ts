// The `backup_drill` rows, written as the owner (candor_app may only read them, so a
// compromised web process cannot make a drill look passed). A drill's final row and its receipt
// in the platform audit log commit in one transaction: the receipt exists exactly when the
// result does.
import type pg from 'pg'
import { recordAuditAsOwner } from '~/modules/audit/record.server'
import type { Actor } from '~/modules/db/tenant.server'
import { inTransaction } from '~/modules/db/client-transaction'

export const DRILL_TRIGGERS = ['schedule', 'operator', 'command'] as const
export type DrillTrigger = (typeof DRILL_TRIGGERS)[number]

export type DrillOutcome = {
  id: string
  status: 'passed' | 'failed'
  backupId: string | null
  durationMs: number
  /** Rows restored (every table), when the restore got that far. */
  rows: number | null
  /** Audit chains verified intact in the restored database. */
  chainsVerified: number | null
  error: string | null
}

export async function startDrillRow(
  owner: pg.ClientBase,
  row: { id: string; trigger: DrillTrigger; requestedBy: string | null },
): Promise<void> {
  await owner.query('INSERT INTO backup_drill (id, trigger, requested_by) VALUES ($1, $2, $3)', [row.id, row.trigger, row.requestedBy])
}

/** Every drill's id: the scratch databases that may be theirs. */
export async function drillIds(owner: pg.ClientBase): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>('SELECT id FROM backup_drill')
  return rows.map((row) => row.id)
}

/**
 * Drills that died (a crash, a kill -9): call only while holding the drill lock. Each gets its
 * receipt like any finished drill.
 */
export async function failAbandonedDrills(owner: pg.ClientBase): Promise<number> {
  const { rows } = await owner.query<{ id: string; backup_id: string | null; started_at: Date }>(
    `SELECT id, backup_id, started_at FROM backup_drill WHERE status = 'running' ORDER BY started_at`,
  )
  for (const row of rows) {
    await finishDrillRow(owner, { type: 'system', reason: 'backup.drill' }, {
      id: row.id,
      status: 'failed',
      backupId: row.backup_id,
      durationMs: Date.now() - row.started_at.getTime(),
      rows: null,
      chainsVerified: null,
      error: 'The drill stopped before it finished (the process ended).',
    })
  }
  return rows.length
}

/** The drill's result and its receipt in the platform audit log, in one transaction. */
export async function finishDrillRow(owner: pg.ClientBase, actor: Actor, outcome: DrillOutcome): Promise<void> {
  await inTransaction(owner, async () => {
    const { rowCount } = await owner.query(
      `UPDATE backup_drill SET status = $2, finished_at = now(), backup_id = $3, duration_ms = $4, rows = $5,
              chains_verified = $6, error = $7
        WHERE id = $1 AND status = 'running'`,
      [outcome.id, outcome.status, outcome.backupId, outcome.durationMs, outcome.rows, outcome.chainsVerified, outcome.error],
    )
    if (rowCount === 1) {
      // Last: the platform chain's lock is held from here to the commit.
      await recordAuditAsOwner(owner, { workspaceId: null, actor }, {
        action: 'backup.drill',
        target: { type: 'backup_drill', id: outcome.id },
        after: {
          status: outcome.status,
          backupId: outcome.backupId,
          durationMs: outcome.durationMs,
          rows: outcome.rows,
          chainsVerified: outcome.chainsVerified,
          error: outcome.error,
        },
      })
    }
  })
}
