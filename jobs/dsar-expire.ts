// dsar.expire (hourly): delete requests whose e-mail was never confirmed within 7 days (they
// were never received) and exports past their 7 days.
import { deleteExpiredExports } from '~/modules/dsar/export.server'
import { deleteUnconfirmedRequests } from '~/modules/dsar/expiry.server'
import { log } from '~/modules/observability/log.server'

export async function expireRequestsJob(): Promise<void> {
  const requests = await deleteUnconfirmedRequests()
  const exports = await deleteExpiredExports()
  log('info', 'privacy request expiry done', { requests, exports })
}
