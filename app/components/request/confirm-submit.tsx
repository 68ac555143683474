// The submit button of an action that cannot be undone. Without JavaScript the form carries a
// box "I understand …" that the server requires; with it, the button opens a dialog that asks
// again and sends the same confirmation. Focus moves into the dialog and back when it closes.
import { useRef } from 'react'
import { useHydrated } from '~/components/use-hydrated'
import { button } from './styles'

export function ConfirmSubmit({
  intent,
  label,
  confirmation,
  className,
  error,
}: {
  intent: string
  label: string
  /** What happens, in words: "the requester is told …". */
  confirmation: string
  className: string
  error?: string
}) {
  const hydrated = useHydrated()
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  // Cancel takes the focus first: Enter on an opened dialog must not do the irreversible thing.
  const open = () => {
    dialog.current?.showModal()
    cancel.current?.focus()
  }
  const headingId = `${intent}-confirm-heading`
  return (
    <div className="grid gap-2">
      <input type="hidden" name="intent" value={intent} />
      {hydrated ? (
        <>
          <div>
            <button type="button" className={className} onClick={open}>
              {label}
            </button>
          </div>
          <dialog
            ref={dialog}
            aria-labelledby={headingId}
            className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-300 p-5 shadow-xl backdrop:bg-slate-900/40"
          >
            <h2 id={headingId} className="text-lg font-semibold">
              Are you sure?
            </h2>
            <p className="mt-2 text-sm">This cannot be undone: {confirmation}</p>
            <div className="mt-4 flex flex-wrap gap-2">
              <button type="submit" name="confirm" value="yes" className={className}>
                Yes, {label.charAt(0).toLowerCase()}
                {label.slice(1)}
              </button>
              <button type="button" className={button} onClick={() => dialog.current?.close()} ref={cancel}>
                Cancel
              </button>
            </div>
          </dialog>
        </>
      ) : (
        <>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              className="mt-1"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${intent}-confirm-error` : undefined}
            />
            <span>I understand that this cannot be undone: {confirmation}</span>
          </label>
          {error ? (
            <p id={`${intent}-confirm-error`} className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div>
            <button type="submit" className={className}>
              {label}
            </button>
          </div>
        </>
      )}
    </div>
  )
}
