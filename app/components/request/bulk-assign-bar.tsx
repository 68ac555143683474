// The queue's bar for working several requests at once: tick rows (each row's box belongs to
// this form through `form="bulk"`), choose whom, assign; or close them as duplicates. With JavaScript a box ticks every row
// of the page; without it each row is ticked by hand.
import { Form } from 'react-router'
import { useHydrated } from '~/components/use-hydrated'
import { CloseDuplicatesFields } from './close-duplicates-fields'
import { button } from './styles'

export const BULK_FORM_ID = 'bulk'

export function BulkAssignBar({ workers, meId }: { workers: { userId: string; email: string }[]; meId: string }) {
  const hydrated = useHydrated()
  const tickAll = (checked: boolean) => {
    for (const box of document.querySelectorAll<HTMLInputElement>(`input[name="requestIds"][form="${BULK_FORM_ID}"]`)) box.checked = checked
  }
  return (
    <Form
      method="post"
      id={BULK_FORM_ID}
      aria-label="Selected requests"
      className="mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-3"
    >
      {hydrated ? (
        <label className="flex items-center gap-2 self-center text-sm font-medium">
          <input type="checkbox" onChange={(event) => tickAll(event.target.checked)} />
          Select every request on this page
        </label>
      ) : null}
      <div>
        <label htmlFor="assignTo" className="block text-sm font-medium">
          Assign the ticked requests to
        </label>
        <select id="assignTo" name="assignTo" defaultValue="me" className="mt-1 block rounded border border-slate-300 bg-white px-3 py-2">
          <option value="me">Me</option>
          <option value="nobody">Nobody (unassign)</option>
          {workers
            .filter((worker) => worker.userId !== meId)
            .map((worker) => (
              <option key={worker.userId} value={worker.userId}>
                {worker.email}
              </option>
            ))}
        </select>
      </div>
      {/* formNoValidate: assigning needs no "I understand" box. */}
      <button type="submit" name="intent" value="assign" formNoValidate className={button}>
        Assign ticked requests
      </button>
      <CloseDuplicatesFields />
    </Form>
  )
}
