// The work per data system: each task's state and receipt, a retry for a failed one, the
// form that marks a manual (checklist) task done (components/manual-task-form.tsx), and the
// confirmation that an erased manual system's backups no longer hold the data.
import { Form } from 'react-router'
import { ManualTaskForm, TaskFiles } from '~/components/manual-task-form'
import { PageSection } from '~/components/page-section'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'
import { CONFIRMATIONS } from '~/modules/dsar/desk/confirmations'
import { type FormEcho, button } from './styles'

export function TasksSection({ tasks, mayWork, echo }: { tasks: RequestView['tasks']; mayWork: boolean; echo: FormEcho }) {
  const failedHere = (taskId: string) => echo.failed === 'complete_task' && echo.values.taskId === taskId
  return (
    <PageSection id="tasks" title="Data systems">
      <ul className="mt-3 divide-y divide-slate-100">
        {tasks.map((task) => (
          <li key={task.id} className="py-3 text-sm">
            <div className="flex flex-wrap items-baseline gap-3">
              <strong>{task.system}</strong>
              <span className="text-slate-600">{task.mode}</span>
              <span className={task.state === 'failed' ? 'font-medium text-red-800' : 'text-slate-700'}>{task.stateLabel}</span>
              {task.attempts > 0 ? <span className="text-slate-500">{task.attempts} attempt{task.attempts === 1 ? '' : 's'}</span> : null}
            </div>
            {task.instructions ? <p className="mt-1 whitespace-pre-wrap text-slate-600">{task.instructions}</p> : null}
            {task.waitingReason ? <p className="mt-1 text-slate-700">{task.waitingReason}</p> : null}
            {task.lastError ? <p className="mt-1 text-red-800">Last error: {task.lastError}</p> : null}
            {task.receipt ? <p className="mt-1">Erasure receipt: {task.receipt}</p> : null}
            {task.note ? <p className="mt-1">Note: {task.note}</p> : null}
            <TaskFiles files={task.files} />
            {task.completed ? <p className="mt-1 text-slate-600">Done {task.completed}</p> : null}
            {mayWork && task.state === 'failed' ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="taskId" value={task.id} />
                <button type="submit" name="intent" value="retry_task" className={button} aria-label={`Retry ${task.system}`}>
                  Retry
                </button>
              </Form>
            ) : null}
            {mayWork && task.mayConfirmBackups ? (
              <Form method="post" className="mt-2 space-y-1">
                <input type="hidden" name="taskId" value={task.id} />
                <label className="flex items-start gap-2 text-slate-700">
                  <input type="checkbox" name="confirm" value="yes" required className="mt-1" />
                  <span>
                    I understand: {CONFIRMATIONS.confirm_backups} Until then, the date shown is the end of the backup retention declared
                    for this system.
                  </span>
                </label>
                {echo.failed === 'confirm_backups' && echo.values.taskId === task.id && echo.errors.confirm ? (
                  <p className="text-red-800">{echo.errors.confirm}</p>
                ) : null}
                <button type="submit" name="intent" value="confirm_backups" className={button} aria-label={`Confirm the backups of ${task.system}`}>
                  Its backups no longer hold the data
                </button>
              </Form>
            ) : null}
            {mayWork && task.manual && task.state !== 'done' ? (
              <ManualTaskForm
                task={task}
                note={failedHere(task.id) ? echo.values.taskNote : undefined}
                error={failedHere(task.id) ? echo.errors.taskNote : undefined}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </PageSection>
  )
}
