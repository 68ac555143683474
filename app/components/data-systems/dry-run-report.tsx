// A dry run's report: how the subject was found, the exact statements with their parameters and
// row counts, and what erasure would run, in order. It says plainly that nothing was changed.
import type { DryRunReport } from '~/modules/connectors/postgres/dry-run.server'

function Steps({ title, steps }: { title: string; steps: DryRunReport['find'] }) {
  return (
    <div className="mt-4 min-w-0">
      <h3 className="font-medium">{title}</h3>
      {steps.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">None.</p>
      ) : (
        <ol className="mt-2 grid gap-3">
          {steps.map((step, i) => (
            <li key={i} className="min-w-0 rounded border border-slate-200 p-3 text-sm">
              <p>
                {step.what} — <strong>{step.rows === 1 ? '1 row' : `${step.rows} rows`}</strong>
              </p>
              {step.sql ? <pre tabIndex={0} className="mt-2 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{step.sql}</pre> : null}
              {step.params.length > 0 ? (
                <p className="mt-1 break-all font-mono text-xs text-slate-600">parameters: {JSON.stringify(step.params)}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export function DryRunResultView({ email, version, report, ranAt }: { email: string; version: number; report: DryRunReport; ranAt: string }) {
  const list = (title: string, lines: string[]) =>
    lines.length > 0 ? (
      <div className="mt-2">
        <p className="text-sm font-medium">{title}</p>
        <ul className="list-disc pl-5 font-mono text-xs text-slate-700">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    ) : null
  return (
    <div className="mt-4" data-testid="dry-run">
      <p role="status" className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
        Dry run of version {version} for {email} ({ranAt}): nothing was changed. The searches and reads ran in a read-only
        transaction that was rolled back; erasure’s statements were counted, not run.
      </p>
      {list('Searched', report.plan.searched)}
      {list('References followed', report.plan.followed)}
      {list('References not followed', report.plan.notFollowed)}
      {list('Erasure order (children first)', report.plan.eraseOrder)}
      {report.notes.length > 0 ? list('Notes', report.notes) : null}
      <Steps title="Finding the subject’s rows" steps={report.find} />
      <Steps title="Access would read" steps={report.access} />
      <Steps title="Erasure would run" steps={report.erasure} />
    </div>
  )
}
