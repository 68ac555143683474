// The audit log's entries, newest first: each a sentence (who did what, to which object,
// linked where it has a page), when and from where, the change as a before/after table, and
// the full ids and raw record folded away until asked for.
import { Link } from 'react-router'
import { WideTable } from '~/components/wide-table'
import type { AuditEntryView } from '~/modules/audit/audit-log-view.server'

const nothing = <span className="text-slate-400">—</span>

function Changes({ entry }: { entry: AuditEntryView }) {
  return (
    <WideTable label={`Changes of entry #${entry.seq}`} className="mt-3">
      <table className="w-full max-w-3xl table-fixed border-collapse text-left text-sm">
        <colgroup>
          <col className="w-1/4" />
          <col className="w-3/8" />
          <col className="w-3/8" />
        </colgroup>
        <thead className="text-xs tracking-wide text-slate-500 uppercase">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-4 font-medium">Field</th>
            <th scope="col" className="py-1 pr-4 font-medium">Before</th>
            <th scope="col" className="py-1 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {entry.changes.map((change) => (
            <tr key={change.field} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-1 pr-4 font-medium break-words text-slate-700">{change.field}</th>
              <td className="py-1 pr-4 break-all text-slate-700">{change.before ?? nothing}</td>
              <td className="py-1 break-all text-slate-900">{change.after ?? nothing}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  )
}

function FullRecord({ entry }: { entry: AuditEntryView }) {
  const { ids } = entry
  const rows: [string, string | null][] = [
    ['Action code', ids.action],
    ['Actor', ids.actor],
    ['Object', ids.target],
    ['Browser', ids.userAgent],
  ]
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700">Full ids and raw record</summary>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd className="font-mono text-xs break-all text-slate-800 sm:text-sm">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {entry.raw ? (
        <pre tabIndex={0} className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{entry.raw}</pre>
      ) : null}
    </details>
  )
}

function Entry({ entry }: { entry: AuditEntryView }) {
  return (
    <li data-seq={entry.seq} className="border-b border-slate-200 py-4 last:border-b-0">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
        <p className="text-slate-900">
          <span className="font-semibold">{entry.actor}</span> {entry.words.before}
          {entry.target ? (
            entry.target.href ? (
              <Link to={entry.target.href} className="font-medium text-brand-700 underline">
                {entry.target.label}
              </Link>
            ) : (
              <span className="font-medium">{entry.target.label}</span>
            )
          ) : null}
          {entry.words.after}
        </p>
        <p className="shrink-0 text-sm text-slate-500">
          <time dateTime={`${entry.time.replace(' ', 'T')}Z`}>{entry.time} UTC</time>
          {entry.ip ? ` · from ${entry.ip}` : ''} · #{entry.seq}
        </p>
      </div>
      {entry.changes.length > 0 ? <Changes entry={entry} /> : null}
      <FullRecord entry={entry} />
    </li>
  )
}

export function AuditEntries({ entries }: { entries: AuditEntryView[] }) {
  return (
    <ol aria-label="Audit log entries" className="mt-8 max-w-5xl rounded-lg border border-slate-200 bg-white px-4 shadow-sm">
      {entries.map((entry) => (
        <Entry key={entry.seq} entry={entry} />
      ))}
    </ol>
  )
}
