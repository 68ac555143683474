// The live checks as the trust page shows them, each failing, stale or never-run one with a link
// to where it is fixed (checkFixHref); Candor's own platform checks say that Candor keeps them.
import type { TrustOverview } from '~/modules/trust/editor-overview.server'

const PILL = { passing: 'badge-good', failing: 'badge-bad', stale: 'badge-warn', unverified: 'badge-neutral' } as const
const shortTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

export function LiveChecksList({ checks }: { checks: TrustOverview['checks'] }) {
  return (
    <section id="checks" aria-labelledby="checks-heading" className="mt-10">
      <h2 id="checks-heading" className="text-lg font-semibold">
        Live checks
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Computed by Candor every hour and after each publish. Link a highlight to one and the public page shows its state; a failing check shows as
        failing, one not verified for 48 hours as not verified.
      </p>
      <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {checks.map((check) => (
          <li key={check.id} className="flex flex-col-reverse gap-2 p-4 text-sm sm:flex-row sm:items-start sm:justify-between sm:gap-4" data-check={check.id} data-state={check.state}>
            <div>
              <p className="font-medium text-ink">{check.label}</p>
              <p className="text-slate-600">{check.summary}</p>
              <p className="text-xs text-slate-500">{check.checkedAt ? `Last verified ${shortTime(check.checkedAt)}` : 'Never verified yet'}</p>
              {check.fix ? (
                <p className="mt-1">
                  <a href={check.fix} className="font-medium text-brand-700 underline underline-offset-2">
                    Fix it<span className="sr-only">: {check.label}</span>
                  </a>
                </p>
              ) : check.platform && check.state !== 'passing' ? (
                <p className="mt-1 text-xs text-slate-500">Candor’s own check: its operators keep it, nothing to fix in this workspace.</p>
              ) : null}
            </div>
            <span className={`badge shrink-0 ${PILL[check.state]}`}>{check.stateLabel}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
