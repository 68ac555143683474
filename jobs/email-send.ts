// email.send and email.bulk: deliver one stored e-mail. A thrown error makes pg-boss retry it
// with backoff.
import type PgBoss from 'pg-boss'
import { deliverEmail } from '~/modules/email/delivery.server'
import type { EmailJob } from '~/modules/email/email.server'
import { log } from '~/modules/observability/log.server'

export async function sendEmailJob(job: PgBoss.Job<EmailJob>): Promise<void> {
  const outcome = await deliverEmail(job.data)
  log('info', 'email job done', { job: job.id, emailId: job.data.messageId, outcome })
}
