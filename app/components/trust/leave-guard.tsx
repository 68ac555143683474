// Asks before unsaved edits are lost: a link inside the app (React Router's blocker) opens a
// modal dialog, "Leave without saving?", with Stay (focused first; Escape too) and Leave;
// reloading, closing the tab or going to another site asks through the browser's own prompt
// (beforeunload). Only with JavaScript: without it there is no guard, and the page claims none.
import { useEffect, useRef } from 'react'
import { useBlocker } from 'react-router'

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50'

export function LeaveGuard({ when, what }: { when: boolean; what: string }) {
  // A save posts to the same page: only a move to another page is held.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname)
  const dialog = useRef<HTMLDialogElement>(null)
  const returnFocus = useRef<HTMLElement | null>(null)

  useEffect(() => {
    if (!when) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [when])

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (blocker.state === 'blocked' && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      element.showModal()
    } else if (blocker.state !== 'blocked' && element.open) {
      element.close()
    }
  }, [blocker.state])

  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset()
    dialog.current?.close()
    returnFocus.current?.focus()
  }
  const leave = () => {
    if (blocker.state === 'blocked') blocker.proceed()
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-200 bg-white p-6 text-slate-800 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(event) => {
        event.preventDefault()
        stay()
      }}
    >
      <h2 id="leave-title" className="text-lg font-semibold text-ink">
        Leave without saving?
      </h2>
      <p id="leave-text" className="mt-2 text-sm text-slate-600">
        Your changes to {what} are not saved. If you leave, they are lost.
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button type="button" className={primary} onClick={stay} autoFocus>
          Stay
        </button>
        <button type="button" className={secondary} onClick={leave}>
          Leave
        </button>
      </div>
    </dialog>
  )
}
