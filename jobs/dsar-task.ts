// dsar.task: one privacy request's work in one data system. A thrown error is recorded on the
// task for staff, then pg-boss retries with backoff; dsar.task.dead takes over after the last.
// A refusal by the customer's system fails the task at once: a retry would be refused again.
import type PgBoss from 'pg-boss'
import { RefusedBySystemError } from '~/modules/dsar/connectors/connector'
import { type TaskJob, failTask, recordTaskError, runTask } from '~/modules/dsar/tasks.server'
import { wakeWorkers } from '~/modules/jobs/queue.server'
import { log } from '~/modules/observability/log.server'

export async function runTaskJob(job: PgBoss.Job<TaskJob>): Promise<void> {
  try {
    await runTask(job.data)
    // The last task of an access request has just queued its export, in this process.
    wakeWorkers('dsar.export')
  } catch (error) {
    await recordTaskError(job.data, error)
    if (error instanceof RefusedBySystemError) {
      await failTask(job.data)
      log('warn', 'privacy request task refused by its data system', { job: job.id, taskId: job.data.taskId })
      return
    }
    throw error
  }
  log('info', 'privacy request task done', { job: job.id, taskId: job.data.taskId })
}

export async function failedTaskJob(job: PgBoss.Job<TaskJob>): Promise<void> {
  await failTask(job.data)
  log('warn', 'privacy request task gave up after retries', { taskId: job.data.taskId })
}
