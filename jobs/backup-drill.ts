// backup.drill (weekly, and when an operator asks): restore the newest backup into a scratch
// database and check it (decision 022). The drill records its own result, failed or passed, so
// a failure is not retried here: it is news for the operators, who are e-mailed.
import type PgBoss from 'pg-boss'
import { drillRequest, runDrill } from '~/modules/backups/drill.server'
import { log } from '~/modules/observability/log.server'

export async function backupDrillJob(job: PgBoss.Job<unknown>): Promise<void> {
  const request = drillRequest.safeParse(job.data ?? {})
  if (!request.success) {
    // A malformed request is nobody's drill: retrying it would fail the same way.
    log('error', 'backup.drill job ignored: its payload is not a drill request', { issues: request.error.issues.map((i) => i.message) })
    return
  }
  const drill = await runDrill(request.data)
  log(drill.status === 'passed' ? 'info' : 'error', `restore drill ${drill.status}`, {
    id: drill.id,
    backupId: drill.backupId,
    durationMs: drill.durationMs,
    rows: drill.rows,
    chainsVerified: drill.chainsVerified,
    abandoned: drill.abandoned,
  })
}
