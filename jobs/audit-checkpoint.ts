// audit.checkpoint (hourly): move every audit chain's checkpoint forward over its new entries,
// walking a chain whole when its last full verification is a week old. One chain failing does
// not stop the others.
import { advanceCheckpoint } from '~/modules/audit/chain-status.server'
import { auditChains } from '~/modules/audit/checkpoints.server'
import { errorFields, log } from '~/modules/observability/log.server'

export async function advanceCheckpointsJob(): Promise<void> {
  const chains = await auditChains()
  let broken = 0
  let failed = 0
  for (const workspaceId of chains) {
    try {
      if (!(await advanceCheckpoint(workspaceId)).ok) broken++
    } catch (error) {
      failed++
      log('error', 'advancing an audit checkpoint failed', { workspaceId, ...errorFields(error) })
    }
  }
  log(broken > 0 ? 'warn' : 'info', 'audit checkpoints advanced', { chains: chains.length, broken, failed })
}
