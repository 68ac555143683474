// email.send.dead and email.bulk.dead: an e-mail that failed every retry is marked failed, so staff see it.
import type PgBoss from 'pg-boss'
import { markEmailFailed } from '~/modules/email/delivery.server'
import type { EmailJob } from '~/modules/email/email.server'
import { log } from '~/modules/observability/log.server'

export async function emailFailedJob(job: PgBoss.Job<EmailJob>): Promise<void> {
  await markEmailFailed(job.data)
  log('warn', 'email gave up after retries', { emailId: job.data.messageId })
}
