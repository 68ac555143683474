// The request page's export section: what an assembled export holds (collections and record
// counts, the summary's sections, blank ones flagged), and the review's two ways out — send it
// to the requester, or have it assembled again. Plain forms: it works without JavaScript.
import { Form } from 'react-router'
import { Field } from '~/components/field'
import { PageSection } from '~/components/page-section'
import { WideTable } from '~/components/wide-table'
import type { ExportReviewView } from '~/modules/dsar/export-review-view'

const button = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50'
const primary = 'rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700'

export function ExportReviewSection({
  view,
  mayWork,
  reasonError,
  reason,
}: {
  view: ExportReviewView
  mayWork: boolean
  /** The "Assemble again" form's error and typed reason, after a refused post. */
  reasonError?: string
  reason?: string
}) {
  const blank = view.summary.filter((s) => s.blank).length
  return (
    <PageSection id="export" title="Export">
      <p className="mt-3 text-sm" data-testid="export-status">
        {view.status}
      </p>
      {view.size ? (
        <p className="mt-1 text-sm text-slate-600">
          {view.size}, downloaded {view.downloads} time{view.downloads === 1 ? '' : 's'}.
        </p>
      ) : null}
      {view.files.length > 0 ? (
        <WideTable label="Collections in the export" className="mt-3">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Collections in the export</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-3">Data system</th>
                <th scope="col" className="py-1 pr-3">Collection</th>
                <th scope="col" className="py-1 pr-3">What it is</th>
                <th scope="col" className="py-1 text-right">Records / size</th>
              </tr>
            </thead>
            <tbody>
              {view.files.map((file) => (
                <tr key={`${file.system}/${file.collection}`} className="border-b border-slate-100">
                  <td className="py-1 pr-3">{file.system}</td>
                  <td className="py-1 pr-3">{file.collection}</td>
                  <td className="py-1 pr-3 text-slate-600">{file.description}</td>
                  <td className="py-1 text-right whitespace-nowrap">{file.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </WideTable>
      ) : null}
      {view.summary.length > 0 ? (
        <details className="mt-3 text-sm" open={view.awaitingReview}>
          <summary className="cursor-pointer font-medium">
            The summary the requester reads{blank > 0 ? ` (${blank} section${blank === 1 ? '' : 's'} not described)` : ''}
          </summary>
          {blank > 0 ? (
            <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
              The privacy profile does not describe {blank === 1 ? 'one section' : `${blank} sections`} yet. The requester’s summary leaves
              {blank === 1 ? ' it' : ' them'} out and says once which topics the company has not described. Fill them in the privacy
              profile, then assemble again.
            </p>
          ) : null}
          <dl className="mt-2 grid gap-2">
            {view.summary.map((s) => (
              <div key={s.title}>
                <dt className="font-medium">{s.title}</dt>
                <dd className={s.blank ? 'text-amber-800' : 'whitespace-pre-wrap text-slate-700'}>{s.blank ? 'Not described.' : s.text}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
      {mayWork && view.awaitingReview ? (
        <div className="mt-4 grid gap-4">
          <Form method="post">
            <p className="mb-2 text-sm text-slate-600">
              The requester is e-mailed and can download the ZIP from their request’s page for 7 days.
            </p>
            <button type="submit" name="intent" value="release_export" className={primary}>
              Send to the requester
            </button>
          </Form>
          <Form method="post" className="grid max-w-xl gap-2" noValidate>
            <Field
              label="What is missing"
              name="sendBackReason"
              multiline
              value={reason}
              error={reasonError}
              hint="Every data system’s task runs again (checklists wait for a member), then the export is assembled anew. The requester is not told."
            />
            <div>
              <button type="submit" name="intent" value="assemble_again" className={button}>
                Assemble again
              </button>
            </div>
          </Form>
        </div>
      ) : null}
    </PageSection>
  )
}
