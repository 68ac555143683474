// The Overview's setup checklist (app/modules/overview/setup-checklist.server.ts): nine steps,
// each marked done only when the workspace's rows say so, with what is true now and a link to
// where it is done; and the offer of Candor's own controls for the trust-page draft. A member
// may hide the list for themselves. Plain forms: works without JavaScript.
import { Form, Link } from 'react-router'
import type { SetupChecklist as Checklist } from '~/modules/overview/setup-checklist.server'
import type { candorControlsOffer } from '~/modules/trust/candor-controls.server'

type Offer = Awaited<ReturnType<typeof candorControlsOffer>>

const small = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50'

function HideForm({ hidden }: { hidden: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={hidden ? 'show_checklist' : 'hide_checklist'} />
      <button type="submit" className={small}>
        {hidden ? 'Show the setup checklist' : 'Hide for me'}
      </button>
    </Form>
  )
}

function CandorControlsOffer({ offer }: { offer: Offer }) {
  const { controls, highlights } = offer.missing
  return (
    <div className="mt-3 rounded-md bg-brand-50 px-4 py-3 text-sm" data-testid="candor-controls-offer">
      <p className="font-medium text-ink">Controls Candor provides for this workspace</p>
      <ul className="mt-2 grid gap-1 text-slate-700">
        {offer.controls.map((control) => (
          <li key={control.title}>
            {control.title}
            {control.published || control.inDraft ? (
              <span className="ml-1.5 rounded bg-white px-1.5 text-xs text-slate-700 ring-1 ring-slate-200">{control.published ? 'published' : 'in the draft'}</span>
            ) : null}
            {control.check ? (
              <span className="text-slate-600">
                {' '}
                · live check “{control.check.label}”: {control.check.state}
                {control.check.offered ? '' : ' (offered as a highlight once 2FA is required)'}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {controls + highlights > 0 ? (
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="add_candor_controls" />
          <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
            Add {controls > 0 ? `${controls} control${controls === 1 ? '' : 's'}` : ''}
            {controls > 0 && highlights > 0 ? ' and ' : ''}
            {highlights > 0 ? `${highlights} checked highlight${highlights === 1 ? '' : 's'}` : ''} to the draft
          </button>
          <p className="mt-2 text-slate-600">
            {offer.pagePublished ? 'Visitors see them once you publish the trust page again.' : 'Nothing is published until you publish the trust page.'}
          </p>
        </Form>
      ) : (
        <p className="mt-2 text-slate-600">All of them are in the trust-page draft.</p>
      )}
    </div>
  )
}

export function SetupChecklist({ checklist, offer }: { checklist: Checklist; offer: Offer | null }) {
  const { steps, done, total, hidden } = checklist
  if (hidden) {
    return (
      <div className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-600" data-testid="setup-checklist-hidden">
        <p>
          Setup: {done} of {total} steps done. You hid the checklist.
        </p>
        <HideForm hidden />
      </div>
    )
  }
  return (
    <div className="mt-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="setup-checklist">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-medium text-ink" data-testid="setup-progress">
          {done === total ? `All ${total} steps are done.` : `${done} of ${total} steps done`}
        </p>
        <HideForm hidden={false} />
      </div>
      <div className="mt-3 overflow-hidden rounded-full" role="progressbar" aria-label="Setup progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        {/* An SVG's width is an attribute, which the CSP (no inline styles) allows. */}
        <svg aria-hidden="true" className="block h-2 w-full" viewBox={`0 0 ${total} 1`} preserveAspectRatio="none">
          <rect width={total} height="1" className="fill-slate-100" />
          <rect width={done} height="1" className="fill-brand-600" />
        </svg>
      </div>
      <ol className="mt-4 divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step.id} data-step={step.id} data-done={step.done} className="flex gap-3 py-3">
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${step.done ? 'bg-emerald-600 text-white' : 'border-2 border-slate-300 text-slate-500'}`}
            >
              {step.done ? '✓' : ''}
            </span>
            <div className="min-w-0 grow">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <p className="font-medium text-ink">
                  {step.title}
                  <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
                </p>
                {step.done ? null : (
                  <Link to={step.href} className="text-sm font-medium text-brand-700 underline">
                    {step.action}
                  </Link>
                )}
              </div>
              <p className="text-sm text-slate-600">{step.status}</p>
              {step.id === 'trust_page' && offer ? <CandorControlsOffer offer={offer} /> : null}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
