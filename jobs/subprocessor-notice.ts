// subprocessor.notice (on demand, one job per announced change): e-mail the change to every
// confirmed subscriber not told yet.
import type PgBoss from 'pg-boss'
import { log } from '~/modules/observability/log.server'
import type { NoticeJob } from '~/modules/trust/subprocessor-changes.server'
import { sendChangeNotices } from '~/modules/trust/subprocessor-notices.server'

export async function sendNoticesJob(job: PgBoss.Job<NoticeJob>): Promise<void> {
  const sent = await sendChangeNotices(job.data)
  log('info', 'sub-processor change notices queued', { changeId: job.data.changeId, sent })
}
