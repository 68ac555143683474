// The parts of the billing page: the plan and subscription, recent invoices, and the buttons
// that go to Stripe (Checkout to upgrade, the Customer Portal for everything after).
import { Form } from 'react-router'
import { PageSection } from '~/components/page-section'
import { WideTable } from '~/components/wide-table'
import type { InvoiceRow } from '~/modules/billing/billing-page.server'
import { billingDay } from '~/modules/billing/plan-summary'
import { PLANS, formatPrice } from '~/modules/billing/plans'
import { utcInstant } from '~/modules/formats/utc-instant'

const primary = 'rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700'
const secondary = 'rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50'

export function PlanSection({ sentence, subscription, syncedAt }: { sentence: string; subscription: string | null; syncedAt: Date | null }) {
  return (
    <PageSection id="plan" title="Plan">
      <p className="mt-3" data-testid="plan-sentence">
        {sentence}
      </p>
      {subscription ? <p className="mt-2 text-slate-700">{subscription}</p> : null}
      {syncedAt ? <p className="mt-2 text-sm text-slate-500">Last read from Stripe {utcInstant(syncedAt)}.</p> : null}
    </PageSection>
  )
}

export function UpgradeSection() {
  return (
    <PageSection id="upgrade" title="Upgrade">
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        {([PLANS.pro, PLANS.business] as const).map((plan) => (
          <Form key={plan.id} method="post" className="rounded border border-slate-200 p-5">
            <h3 className="font-semibold">
              {plan.name} — {formatPrice(plan)} a month
            </h3>
            <p className="mt-1 text-sm text-slate-600">{plan.summary}</p>
            <input type="hidden" name="intent" value="checkout" />
            <input type="hidden" name="plan" value={plan.id} />
            <div className="mt-4 flex gap-3">
              <button type="submit" name="interval" value="month" className={primary}>
                {plan.name}, monthly
              </button>
              <button type="submit" name="interval" value="year" className={secondary}>
                {plan.name}, yearly
              </button>
            </div>
          </Form>
        ))}
      </div>
      <p className="mt-3 text-sm text-slate-600">Payment, tax id and invoices are handled by Stripe.</p>
    </PageSection>
  )
}

export function ManageSection() {
  return (
    <PageSection id="manage" title="Manage the subscription">
      <p className="mt-3 text-slate-700">Change the plan, cancel, update the payment method or download invoices at Stripe.</p>
      <Form method="post" className="mt-3">
        <button type="submit" name="intent" value="portal" className={primary}>
          Open the billing portal
        </button>
      </Form>
    </PageSection>
  )
}

export function InvoicesSection({ invoices }: { invoices: InvoiceRow[] | 'unavailable' }) {
  return (
    <PageSection id="invoices" title="Recent invoices">
      {invoices === 'unavailable' ? (
        <p className="mt-3 text-slate-700">Stripe could not be reached just now, so the invoices cannot be shown. Try again in a minute.</p>
      ) : invoices.length === 0 ? (
        <p className="mt-3 text-slate-700">No invoices yet.</p>
      ) : (
        <WideTable label="Recent invoices" className="mt-3">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th className="py-2">Invoice</th>
                <th className="py-2">Date</th>
                <th className="py-2">Amount</th>
                <th className="py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id} className="border-b border-slate-100">
                  <td className="py-2">
                    {invoice.url ? (
                      <a href={invoice.url} className="text-brand-700 underline" rel="noreferrer">
                        {invoice.number ?? invoice.id}
                      </a>
                    ) : (
                      (invoice.number ?? invoice.id)
                    )}
                  </td>
                  <td className="py-2">{billingDay(invoice.created)}</td>
                  <td className="py-2">{invoice.amount}</td>
                  <td className="py-2">{invoice.status ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
      )}
    </PageSection>
  )
}
