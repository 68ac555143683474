// Above the members table: who has two-factor authentication, whether the workspace requires it
// (with the way to the setting for those who may change it), and links that show everyone or
// only the members without it. Every sentence is computed from the counts the loader read.
import { Link } from 'react-router'
import type { TwoFactorFilter } from '~/modules/tenancy/members-page.server'

type Summary = {
  filter: TwoFactorFilter
  required: boolean
  mayRequire: boolean
  counts: { all: number; without: number }
}

function twoFactorSentence({ all, without }: Summary['counts']): string {
  if (without === 0) return 'Every member has two-factor authentication on.'
  if (without === all) return all === 1 ? 'The only member has not set up two-factor authentication.' : `None of the ${all} members has set up two-factor authentication.`
  return `${without} of ${all} members ${without === 1 ? 'has' : 'have'} not set up two-factor authentication.`
}

function FilterLink({ to, current, children }: { to: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      to={to}
      aria-current={current ? 'page' : undefined}
      className={`block rounded-full px-3 py-1 ring-1 ${current ? 'bg-brand-50 font-medium text-brand-700 ring-brand-600/30' : 'bg-white text-slate-600 ring-slate-200 hover:text-ink'}`}
    >
      {children}
    </Link>
  )
}

export function TwoFactorSummary({ summary, base }: { summary: Summary; base: string }) {
  const { filter, required, mayRequire, counts } = summary
  return (
    <section aria-labelledby="two-factor-heading" className="mt-6 rounded-xl border border-slate-200 bg-slate-50 p-4">
      <h2 id="two-factor-heading" className="text-sm font-semibold">
        Two-factor authentication
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {twoFactorSentence(counts)}{' '}
        {required ? (
          'The workspace requires it.'
        ) : (
          <>
            The workspace does not require it.{' '}
            {mayRequire ? (
              <Link to={`${base}/settings#security`} className="font-medium text-brand-700 underline">
                Require it in Settings
              </Link>
            ) : null}
          </>
        )}
      </p>
      {counts.without > 0 ? (
        <p className="mt-1 text-sm text-slate-600">Each member turns it on under “Two-factor” at the top of the page.</p>
      ) : null}
      <ul aria-label="Show members" className="mt-3 flex flex-wrap gap-2 text-sm">
        <li>
          <FilterLink to={`${base}/members`} current={filter === null}>
            Everyone ({counts.all})
          </FilterLink>
        </li>
        <li>
          <FilterLink to={`${base}/members?twoFactor=off`} current={filter === 'off'}>
            Without two-factor ({counts.without})
          </FilterLink>
        </li>
      </ul>
    </section>
  )
}
