// What an erasure request has erased so far, one line per data system (erasure-statement.ts).
import { PageSection } from '~/components/page-section'
import type { RequestView } from '~/modules/dsar/desk/request-view.server'

export function ErasureSection({ erasure }: { erasure: NonNullable<RequestView['erasure']> }) {
  return (
    <PageSection id="erasure" title="Erasure">
      {erasure.warning ? (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {erasure.warning}
        </p>
      ) : null}
      <p className="mt-3 text-sm">{erasure.summary}</p>
      <ul className="mt-2 list-disc pl-5 text-sm">
        {erasure.lines.map((line, index) => (
          <li key={`${index}:${line}`}>{line}</li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-600">
        {erasure.backups ?? 'Backups: an expected date is given once a system has erased the data.'} Candor keeps no backup catalogue
        yet: it cannot confirm that backups are gone.
      </p>
    </PageSection>
  )
}
