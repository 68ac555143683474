// dsar.remind for tasks waiting for a data system (decision 036): once a task has waited more
// than a day since it was first sent, the members working its request get one e-mail a day
// until the system answers, each day claimed once (reminder_sent) with its e-mails, like the
// deadline reminders. Waiting is counted from the first send (the task's first token).
import { appOrigin } from '~/modules/config/env.server'
import { ownerPool } from '~/modules/db/owner.server'
import { withTenant } from '~/modules/db/tenant.server'
import { deskRequestPath } from '~/modules/dsar/desk-links'
import { requestDeadlines } from '~/modules/dsar/request-deadline.server'
import { CLOSED_STATES } from '~/modules/dsar/request-kinds'
import { requestRecipients } from '~/modules/dsar/team-notice.server'
import { queueEmail } from '~/modules/email/email.server'
import { withPreferencesLink } from '~/modules/notifications/member-mail.server'
import { claimReminder } from '~/modules/notifications/reminders.server'
import { errorFields, log } from '~/modules/observability/log.server'

const DAY_MS = 24 * 60 * 60 * 1000
const actor = { type: 'system', reason: 'dsar.remind' } as const

type Candidate = { id: string; workspace_id: string; since: Date }

/** Tasks waiting for their system, first sent more than a day ago (ids and times only). */
async function candidates(now: Date): Promise<Candidate[]> {
  const { rows } = await ownerPool().query<Candidate>(
    `SELECT t.id, t.workspace_id, min(k.created_at) AS since
       FROM request_task t
       JOIN data_system_task_token k ON k.task_id = t.id
       JOIN workspace w ON w.id = t.workspace_id AND w.deleted_at IS NULL
       -- A closed request (answered, rejected, withdrawn) waits for nothing: no reminder.
       JOIN privacy_request r ON r.id = t.request_id AND r.state NOT IN ('completed', 'rejected', 'duplicate')
      WHERE t.state = 'waiting_for_system'
      GROUP BY t.id, t.workspace_id
     HAVING min(k.created_at) <= $1::timestamptz - interval '1 day'`,
    [now],
  )
  return rows
}

/** The day's reminder of one waiting task, once; the number of e-mails queued. */
async function remindTask(row: Candidate, now: Date): Promise<number> {
  return withTenant({ workspaceId: row.workspace_id, actor }, async (tx) => {
    await tx.$queryRaw`SELECT id FROM request_task WHERE id = ${row.id}::uuid FOR UPDATE`
    const task = await tx.requestTask.findUnique({
      where: { id: row.id },
      include: { dataSystem: { select: { name: true } }, request: { include: { workspace: { select: { name: true, slug: true } } } } },
    })
    if (!task || task.state !== 'waiting_for_system' || CLOSED_STATES.includes(task.request.state)) return 0
    const days = Math.floor((now.getTime() - row.since.getTime()) / DAY_MS)
    const { effective } = await requestDeadlines(tx, task.requestId, now)
    const { recipients } = await requestRecipients(tx, task.request, 'request_deadline')
    const key = { workspaceId: row.workspace_id, subjectType: 'request_task', subjectId: task.id, deadline: effective.endsAt, step: `system_waiting_day_${days}` }
    if (!(await claimReminder(tx, key, recipients.length))) return 0
    const { request, dataSystem } = task
    const mail = withPreferencesLink({
      subject: `${request.reference}: waiting ${days} ${days === 1 ? 'day' : 'days'} for ${dataSystem.name}`,
      text: [
        `The ${task.mode} task of privacy request ${request.reference} (${request.workspace.name}) has waited for ${dataSystem.name} since ${row.since.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
        task.waitingReason ? `Last word from the system: ${task.waitingReason}` : '',
        `The request is due ${effective.endsAt.toISOString().slice(0, 10)}.`,
        `Open the request: ${appOrigin()}${deskRequestPath(request.workspace.slug, request.reference)}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    })
    for (const recipient of recipients) await queueEmail(tx, row.workspace_id, { to: recipient.email, ...mail }, { bulk: true })
    return recipients.length
  })
}

/** Every waiting-task reminder due at `now`; one task failing does not stop the others. */
export async function remindWaitingTasks(now = new Date()): Promise<{ tasks: number; emails: number; failed: number }> {
  const due = await candidates(now)
  let emails = 0
  let failed = 0
  for (const row of due) {
    try {
      emails += await remindTask(row, now)
    } catch (error) {
      failed++
      log('error', 'a waiting-task reminder failed; the next run tries again', { taskId: row.id, ...errorFields(error) })
    }
  }
  return { tasks: due.length, emails, failed }
}
