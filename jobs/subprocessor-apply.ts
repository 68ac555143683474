// subprocessor.apply (hourly): apply announced sub-processor changes whose day has begun in
// their workspace's time zone, and delete subscriptions never confirmed within 7 days.
// Hourly rather than daily, so a change takes effect within an hour of local midnight in any
// time zone; a run with nothing due does nothing.
import { log } from '~/modules/observability/log.server'
import { applyDueChanges } from '~/modules/trust/subprocessor-changes.server'
import { deleteUnconfirmedSubscriptions } from '~/modules/trust/subprocessor-subscribers.server'

export async function applySubprocessorChangesJob(): Promise<void> {
  const applied = await applyDueChanges()
  const expired = await deleteUnconfirmedSubscriptions()
  log('info', 'sub-processor changes applied', { applied, expiredSubscriptions: expired })
}
