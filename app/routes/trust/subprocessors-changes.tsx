// /t/:slug/subprocessors/changes: the public changelog of the workspace's sub-processors: every
// change announced (with its day and state), applied, or withdrawn. Drafts are never shown.
import { data } from 'react-router'
import { TrustShell } from '~/components/trust-shell'
import { subprocessorLinks } from '~/modules/trust/subprocessor-links'
import { formatDay } from '~/modules/trust/subprocessor-rules'
import { changeSummary, changeTitle } from '~/modules/trust/subprocessor-text'
import { publicChangelog } from '~/modules/trust/subprocessor-views.server'
import type { Route } from './+types/subprocessors-changes'

export const meta: Route.MetaFunction = ({ data, params }) => [
  { title: data ? `Sub-processor changes — ${data.workspace.name}` : 'Sub-processor changes' },
  {
    tagName: 'link',
    rel: 'alternate',
    type: 'application/atom+xml',
    title: 'Sub-processor changes (Atom)',
    href: subprocessorLinks('', params.slug).feed,
  },
]

export async function loader({ params }: Route.LoaderArgs) {
  const changelog = await publicChangelog(params.slug)
  if (!changelog) throw data('There is no trust page at this address.', { status: 404 })
  return {
    workspace: { name: changelog.workspace.name, slug: changelog.workspace.slug },
    changes: changelog.changes.map((change) => ({
      id: change.id,
      state: change.state,
      title: changeTitle(change),
      summary: changeSummary(change),
      effectiveOn: change.effectiveOn,
      announcedOn: change.announcedAt?.toISOString().slice(0, 10) ?? null,
    })),
  }
}

const BADGE = {
  announced: { label: 'Announced', className: 'bg-amber-100 text-amber-900' },
  applied: { label: 'In effect', className: 'bg-green-100 text-green-900' },
  cancelled: { label: 'Withdrawn', className: 'bg-slate-200 text-slate-700' },
} as const

export default function SubprocessorChanges({ loaderData }: Route.ComponentProps) {
  const { workspace, changes } = loaderData
  const links = subprocessorLinks('', workspace.slug)
  return (
    <TrustShell workspaceName={workspace.name} slug={workspace.slug} section="Sub-processor changes">
      <h1 className="text-2xl font-semibold">Sub-processor changes</h1>
      <p className="mt-2 text-slate-600">
        Every addition, removal and change of the companies that process personal data for {workspace.name}.{' '}
        <a href={links.subscribe} className="text-brand-700 underline">
          Get them by e-mail
        </a>{' '}
        or follow the{' '}
        <a href={links.feed} className="text-brand-700 underline">
          Atom feed
        </a>
        .
      </p>
      {changes.length === 0 ? (
        <p className="mt-8 text-slate-600">No changes yet.</p>
      ) : (
        <ol className="mt-8 grid gap-4">
          {changes.map((change) => (
            <li key={change.id} id={`change-${change.id}`} className="rounded border border-slate-200 bg-white p-4">
              <article aria-label={change.title}>
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className={`font-semibold ${change.state === 'cancelled' ? 'line-through' : ''}`}>{change.title}</h2>
                  <span className={`rounded px-2 py-0.5 text-xs ${BADGE[change.state].className}`}>{BADGE[change.state].label}</span>
                </div>
                <p className="mt-1 text-sm text-slate-500">
                  {change.announcedOn ? `Announced ${formatDay(change.announcedOn)} · ` : ''}
                  Effective {formatDay(change.effectiveOn)}
                </p>
                <ul className="mt-2 grid gap-1 text-sm text-slate-700">
                  {change.summary.map((line, i) => (
                    <li key={i} className="break-words">
                      {line}
                    </li>
                  ))}
                </ul>
              </article>
            </li>
          ))}
        </ol>
      )}
    </TrustShell>
  )
}
