// trust.checks: compute the live checks behind trust-page claims and store them with their
// time. With a workspace id (queued by a publish): that workspace; without (hourly): every
// workspace with a published trust page. One workspace failing does not stop the others.
import type PgBoss from 'pg-boss'
import { errorFields, log } from '~/modules/observability/log.server'
import { runTrustChecks, workspacesWithTrustPages } from '~/modules/trust/checks.server'

export async function trustChecksJob(job: PgBoss.Job<{ workspaceId?: string }>): Promise<void> {
  const ids = job.data?.workspaceId ? [job.data.workspaceId] : await workspacesWithTrustPages()
  let failed = 0
  for (const workspaceId of ids) {
    try {
      await runTrustChecks(workspaceId)
    } catch (error) {
      failed++
      log('error', 'trust checks failed for a workspace', { workspaceId, ...errorFields(error) })
    }
  }
  log('info', 'trust checks done', { workspaces: ids.length, failed })
  if (failed > 0 && ids.length === 1) throw new Error('the trust checks failed; they will be tried again')
}
