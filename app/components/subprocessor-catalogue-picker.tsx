// The sub-processors page's catalogue (app/modules/trust/subprocessor-catalogue.ts): tick the
// vendors you use and each becomes a draft addition for you to check against the vendor before
// it is listed. A plain form: works without JavaScript.
import { Form } from 'react-router'
import type { catalogueOffer } from '~/modules/trust/subprocessor-catalogue'

type Offer = ReturnType<typeof catalogueOffer>

/** Folded away once the workspace lists sub-processors (`open` while it lists none, or after an error). */
export function SubprocessorCataloguePicker({ offer, error, open: unfolded }: { offer: Offer; error?: string; open: boolean }) {
  const open = offer.filter((vendor) => !vendor.taken).length
  return (
    <details open={unfolded || Boolean(error)} className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">
        {offer.length} common vendors, {open} not yet listed or proposed
      </summary>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">
        Common vendors, with what each publishes about itself as Candor last read it. These are suggestions: picking one makes a
        draft, which is not public. Check its purpose, data, region, certifications and DPA link against the vendor and your own
        use before you add or announce it.
      </p>
      <Form method="post" className="mt-4" noValidate>
        <input type="hidden" name="intent" value="pick" />
        <fieldset aria-describedby={error ? 'catalogue-error' : undefined}>
          <legend className="sr-only">Vendors to draft</legend>
          <ul className="grid gap-3 sm:grid-cols-2">
            {offer.map((vendor) => (
              <li
                key={vendor.id}
                className={`flex h-full gap-3 rounded-lg border p-3 text-sm ${vendor.taken ? 'border-slate-100 bg-slate-50 text-slate-500' : 'border-slate-200 bg-white'}`}
              >
                {/* Only the name labels the box (so "Region" names no checkbox); the facts describe it. */}
                <input
                  type="checkbox"
                  id={`vendor-${vendor.id}`}
                  name="vendors"
                  value={vendor.id}
                  disabled={vendor.taken}
                  aria-describedby={`vendor-${vendor.id}-facts`}
                  className="mt-1 h-4 w-4 shrink-0"
                />
                <div className="min-w-0">
                  <label htmlFor={`vendor-${vendor.id}`} className="font-medium text-ink">
                    {vendor.name}
                  </label>
                  {vendor.taken ? <span className="ml-2 text-xs text-slate-600">already listed or proposed</span> : null}
                  <div id={`vendor-${vendor.id}-facts`} className="text-slate-600">
                    <p>{vendor.purpose}</p>
                    <p>Region: {vendor.region}</p>
                    {vendor.certifications.length > 0 ? <p>{vendor.certifications.join(', ')}</p> : null}
                    <p className="break-all text-xs text-slate-500">{vendor.policyUrl}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
        {error ? (
          <p id="catalogue-error" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={open === 0} className="mt-4 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          Draft the ticked vendors
        </button>
      </Form>
    </details>
  )
}
