// A manual data system's task on the request page: the files a member attached (access and
// portability), and the form that completes it — what was done (for erasure, what was erased:
// the requester reads it) and, for access, the files taken from the system. Works without
// JavaScript: a plain multipart form.
import { Form } from 'react-router'
import { MAX_TASK_FILE_BYTES, MAX_TASK_FILES_BYTES, TASK_FILES_DESCRIPTION } from '~/modules/dsar/task-file-types'
import type { TaskFileView } from '~/modules/dsar/task-files-view'
import { formatBytes } from '~/modules/trust/document-types'

const button = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'

export function TaskFiles({ files }: { files: TaskFileView[] }) {
  if (files.length === 0) return null
  return (
    <div className="mt-1">
      <p>Attached for the export:</p>
      <ul className="list-disc pl-5">
        {files.map((file) => (
          <li key={file.name}>
            <span className="font-medium">{file.name}</span> <span className="text-slate-600">({file.about})</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ManualTaskForm({
  task,
  error,
  note,
}: {
  task: { id: string; system: string; attachesFiles: boolean }
  /** The note's error and typed text, after a refused post of this task's form. */
  error?: string
  note?: string
}) {
  const noteId = `taskNote-${task.id}`
  const filesId = `taskFiles-${task.id}`
  return (
    <Form method="post" className="mt-2 grid max-w-xl gap-2" noValidate encType={task.attachesFiles ? 'multipart/form-data' : undefined}>
      <input type="hidden" name="taskId" value={task.id} />
      <label htmlFor={noteId} className="text-sm font-medium">
        What was done in {task.system}
      </label>
      {task.attachesFiles ? null : (
        <p id={`${noteId}-hint`} className="text-sm text-slate-500">
          Say what was erased, in one sentence: the requester reads it in the erasure statement.
        </p>
      )}
      <textarea
        id={noteId}
        name="taskNote"
        rows={2}
        defaultValue={note}
        aria-invalid={error ? true : undefined}
        aria-describedby={task.attachesFiles ? undefined : `${noteId}-hint`}
        className="block w-full rounded border border-slate-300 px-3 py-2"
      />
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      {task.attachesFiles ? (
        <div>
          <label htmlFor={filesId} className="block text-sm font-medium">
            Files with the person’s data from {task.system}
          </label>
          <p id={`${filesId}-hint`} className="mt-1 text-sm text-slate-500">
            {TASK_FILES_DESCRIPTION}, judged by their content; at most {formatBytes(MAX_TASK_FILE_BYTES)} each and{' '}
            {formatBytes(MAX_TASK_FILES_BYTES)} together. Stored encrypted; they go into the export in a folder named “{task.system}{' '}
            (manual)”.
          </p>
          <input
            id={filesId}
            name="files"
            type="file"
            multiple
            accept=".csv,.json,.pdf,.png,.jpg,.jpeg"
            aria-describedby={`${filesId}-hint`}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-50"
          />
        </div>
      ) : null}
      <div>
        <button type="submit" name="intent" value="complete_task" className={button}>
          Mark done
        </button>
      </div>
    </Form>
  )
}
