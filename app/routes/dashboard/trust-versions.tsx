// /w/:slug/trust/versions?from=1&to=2 — two published versions of the trust page compared,
// section by section, in words (what was added, removed or changed, with the text before and
// after).
import { Form, data } from 'react-router'
import { z } from 'zod'
import { SelectField } from '~/components/field'
import { requireMember } from '~/modules/auth/member.server'
import { compareContent } from '~/modules/trust/compare'
import { actingOf, loadEditor, loadVersions } from '~/modules/trust/trust-page.server'
import type { Route } from './+types/trust-versions'

export const meta: Route.MetaFunction = () => [{ title: 'Compare trust page versions — Candor' }]

// A version's number is a PostgreSQL integer: a larger one is no version, not a query error.
const versionNumber = (message: string) => z.coerce.number(message).int(message).min(1, message).max(2_147_483_647, message)

const query = z.object({
  from: versionNumber('Choose the first version.'),
  to: versionNumber('Choose the second version.'),
})

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const member = await requireMember({ request, params, context }, 'workspace.view')
  const { versions } = await loadEditor(actingOf(member))
  const numbers = versions.map((v) => v.number)
  const search = new URL(request.url).searchParams
  const base = { slug: member.workspace.slug, numbers }
  if (!search.has('from') && !search.has('to')) {
    return { ...base, from: numbers[1] ?? null, to: numbers[0] ?? null, changes: null, error: null }
  }
  const parsed = query.safeParse(Object.fromEntries(search))
  if (!parsed.success) {
    throw data(parsed.error.issues[0]?.message ?? 'Choose two versions.', { status: 400 })
  }
  const [from, to] = await loadVersions(actingOf(member), [parsed.data.from, parsed.data.to])
  if (!from || !to) throw data('There is no such version of the trust page.', { status: 404 })
  return {
    ...base,
    from: from.number,
    to: to.number,
    error: null,
    changes: compareContent(from.content, to.content),
    published: { from: from.publishedAt.toISOString(), to: to.publishedAt.toISOString() },
  }
}

const KIND = {
  added: { label: 'Added', className: 'bg-emerald-50 text-emerald-800' },
  removed: { label: 'Removed', className: 'bg-red-50 text-red-800' },
  changed: { label: 'Changed', className: 'bg-sky-50 text-sky-800' },
} as const

export default function TrustVersions({ loaderData }: Route.ComponentProps) {
  const { slug, numbers, from, to, changes } = loaderData
  const options = numbers.map((n) => ({ value: String(n), label: `Version ${n}` }))
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <a href={`/w/${slug}/trust#versions`} className="text-brand-700 underline">
          ← Trust page
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Compare versions</h1>
      {numbers.length < 2 ? (
        <p className="mt-4 text-slate-600">Publish at least two versions to compare them.</p>
      ) : (
        <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <div className="w-40">
            <SelectField label="Compare version" name="from" value={String(from ?? '')} options={options} />
          </div>
          <div className="w-40">
            <SelectField label="with version" name="to" value={String(to ?? '')} options={options} />
          </div>
          <button type="submit" className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50">
            Compare
          </button>
        </Form>
      )}
      {changes ? (
        changes.length === 0 ? (
          <p className="mt-8 text-slate-600">
            Versions {from} and {to} say the same.
          </p>
        ) : (
          <div className="mt-8 grid gap-8">
            <h2 className="sr-only">
              Changes from version {from} to version {to}
            </h2>
            {changes.map((section) => (
              <section key={section.section} aria-labelledby={`diff-${section.section}`}>
                <h3 id={`diff-${section.section}`} className="text-lg font-semibold">
                  {section.label}
                </h3>
                <ul className="mt-3 grid gap-3">
                  {section.changes.map((change, i) => (
                    <li key={i} className="rounded border border-slate-200 p-4 text-sm">
                      <p>
                        <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${KIND[change.kind].className}`}>{KIND[change.kind].label}</span>
                        <strong>{change.what}</strong>
                      </p>
                      {change.before !== undefined || change.after !== undefined ? (
                        <div className="mt-3 grid gap-3 sm:grid-cols-2">
                          {change.before !== undefined ? (
                            <div>
                              <p className="text-xs font-medium text-slate-500">Version {from}</p>
                              <p className="mt-1 whitespace-pre-wrap rounded bg-red-50/60 p-2">{change.before}</p>
                            </div>
                          ) : null}
                          {change.after !== undefined ? (
                            <div>
                              <p className="text-xs font-medium text-slate-500">Version {to}</p>
                              <p className="mt-1 whitespace-pre-wrap rounded bg-emerald-50/60 p-2">{change.after}</p>
                            </div>
                          ) : null}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )
      ) : null}
    </div>
  )
}
