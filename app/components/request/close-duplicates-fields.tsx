// The queue bar's second action: close the ticked requests as duplicates of one request named
// by its reference. It cannot be undone and e-mails each requester, so the button needs a ticked
// "I understand" box (the browser asks for it; the server requires `confirm=yes` all the same).
import { button } from './styles'

export function CloseDuplicatesFields() {
  return (
    <fieldset className="flex basis-full flex-wrap items-end gap-3 border-t border-slate-200 pt-3">
      <legend className="sr-only">Close the ticked requests as duplicates</legend>
      <div>
        <label htmlFor="duplicateOf" className="block text-sm font-medium">
          Close the ticked requests as duplicates of
        </label>
        <input
          id="duplicateOf"
          name="duplicateOf"
          placeholder="R-7K3Q9XHM"
          maxLength={40}
          autoComplete="off"
          aria-describedby="duplicateOf-hint"
          className="mt-1 block w-40 rounded border border-slate-300 bg-white px-3 py-2 font-mono uppercase"
        />
      </div>
      <label className="flex max-w-sm items-start gap-2 self-center text-sm">
        <input type="checkbox" name="confirm" value="yes" required className="mt-1" />
        I understand this closes the ticked requests and e-mails each requester
      </label>
      <button type="submit" name="intent" value="close_duplicates" className={`${button} border-red-300 text-red-800 hover:bg-red-50`}>
        Close ticked as duplicates
      </button>
      <p id="duplicateOf-hint" className="basis-full text-xs text-slate-600">
        The reference of the request they repeat. A requester is shown that reference only when both requests came from the same e-mail address.
      </p>
    </fieldset>
  )
}
