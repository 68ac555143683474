// dsar.export: build the subject's ZIP once every access task is done. A failure is retried;
// after the last retry the request needs attention.
import type PgBoss from 'pg-boss'
import { buildExport, failExport } from '~/modules/dsar/export.server'
import type { ExportJob } from '~/modules/dsar/tasks.server'
import { log } from '~/modules/observability/log.server'

export async function buildExportJob(job: PgBoss.Job<ExportJob>): Promise<void> {
  await buildExport(job.data)
  log('info', 'privacy request export built', { job: job.id, requestId: job.data.requestId })
}

export async function failedExportJob(job: PgBoss.Job<ExportJob>): Promise<void> {
  await failExport(job.data)
  log('warn', 'privacy request export gave up after retries', { requestId: job.data.requestId })
}
