// An operator's "run it now" for a backup, a restore drill or a retention purge: the job is
// queued with who asked, and the platform's audit log records the request, in one transaction
// (the entry exists exactly when the job does). The run itself, and its result, are the job's.
import { z } from 'zod'
import { type RequestOrigin, recordAudit } from '~/modules/audit/record.server'
import { withPlatform } from '~/modules/db/tenant.server'
import { enqueue } from '~/modules/jobs/queue.server'
import { RUN_KINDS, type RunKind, waitingRuns } from './backup-operations.server'

export const runNowInput = z.object({
  intent: z.enum(Object.keys(RUN_KINDS) as [RunKind, ...RunKind[]], 'Choose a backup, a drill or a purge to run.'),
})

export class RunNowRefusedError extends Error {}

const WHAT: Record<RunKind, string> = { backup: 'A backup', drill: 'A restore drill', purge: 'A retention purge' }
const AUDIT_ACTION: Record<RunKind, string> = { backup: 'backup.run_request', drill: 'backup.drill_request', purge: 'retention.purge_request' }

/** Queue one run of `kind` for the operator; refused while one already waits for a worker. */
export async function runNow(operatorId: string, kind: RunKind, origin: RequestOrigin): Promise<{ jobId: string }> {
  // Read as the owner before the transaction (the app role cannot read jobs): two operators
  // pressing at the same moment may both queue one, which runs twice, harmlessly.
  const waiting = (await waitingRuns())[kind][0]
  if (waiting) {
    throw new RunNowRefusedError(
      `${WHAT[kind]} is already queued (since ${waiting.queuedAt.toISOString().slice(11, 16)} UTC): it runs when a worker is free.`,
    )
  }
  return withPlatform(async (tx) => {
    if (kind === 'drill' && (await tx.backup.count({ where: { status: 'succeeded' } })) === 0) {
      throw new RunNowRefusedError('There is no backup to restore yet: run a backup first, then the drill.')
    }
    const queue = RUN_KINDS[kind]
    const payload = { trigger: 'operator', requestedBy: operatorId }
    const jobId = (await enqueue(tx, queue, payload))!
    await recordAudit(
      tx,
      { workspaceId: null, actor: { type: 'operator', userId: operatorId }, origin },
      { action: AUDIT_ACTION[kind], target: { type: 'job', id: jobId }, after: { queue, trigger: 'operator' } },
    )
    return { jobId }
  })
}
