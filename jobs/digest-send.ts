// digest.send (every 15 minutes): the weekly digests due now (notifications/digest.server.ts).
// A workspace that failed is tried again by the next run, and by this job's retry.
import { log } from '~/modules/observability/log.server'
import { sendWeeklyDigests } from '~/modules/notifications/digest.server'

export async function digestSendJob(): Promise<void> {
  const result = await sendWeeklyDigests()
  log('info', 'weekly digests done', result)
  if (result.failed > 0) throw new Error('some weekly digests failed; they will be tried again')
}
