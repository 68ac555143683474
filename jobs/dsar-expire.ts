// dsar.expire (hourly): delete requests whose e-mail was never confirmed within 7 days (they
// were never received), exports past their 7 days, what the tasks of rejected requests stored
// (collections, attached files), and what interrupted writes left in the object store: partial
// objects and export objects whose row was never written (older than an hour, so no write in
// progress is touched).
import { deleteExpiredExports, deleteUnreferencedExports } from '~/modules/dsar/export.server'
import { deleteRejectedRequestsTaskData, deleteUnconfirmedRequests } from '~/modules/dsar/expiry.server'
import { log } from '~/modules/observability/log.server'
import { objectStore } from '~/modules/storage/object-store.server'

export async function expireRequestsJob(): Promise<void> {
  const requests = await deleteUnconfirmedRequests()
  const exports = await deleteExpiredExports()
  const rejectedTasks = await deleteRejectedRequestsTaskData()
  const partialObjects = await objectStore().sweepTemporary(60 * 60 * 1000)
  const unreferencedExports = await deleteUnreferencedExports(60 * 60 * 1000)
  log('info', 'privacy request expiry done', { requests, exports, rejectedTasks, partialObjects, unreferencedExports })
}
