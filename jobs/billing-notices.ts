// billing.notices (daily): trial-ending and past-due e-mails to workspace owners, each once
// (billing/notices.server.ts). A workspace that failed is tried again by tomorrow's run, and
// by this job's retries when it failed.
import { sendBillingNotices } from '~/modules/billing/notices.server'
import { log } from '~/modules/observability/log.server'

export async function billingNoticesJob(): Promise<void> {
  const result = await sendBillingNotices()
  log('info', 'billing notices done', result)
  if (result.failed > 0) throw new Error('some billing notices failed; they will be tried again')
}
