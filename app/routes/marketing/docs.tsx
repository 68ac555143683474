// /docs — the documentation's front page, and its search (?q=, a GET form: no JavaScript needed).
import { data } from 'react-router'
import { DocsShell } from '~/components/docs/docs-shell'
import { DocSearchResults } from '~/components/docs/docs-search-results'
import { docIndexView } from '~/modules/docs/docs-view.server'
import type { Route } from './+types/docs'

export const meta: Route.MetaFunction = ({ data: view }) => [
  { title: view?.search ? `Search: ${view.search.query} — Candor docs` : 'Candor documentation' },
]

export function loader({ request }: Route.LoaderArgs) {
  const view = docIndexView(new URL(request.url))
  return data(view, { status: view.search?.error ? 400 : 200 })
}

export default function Docs({ loaderData: { navigation, search } }: Route.ComponentProps) {
  return (
    <DocsShell navigation={navigation} query={search?.query}>
      <main className="max-w-3xl">
        {search ? (
          <DocSearchResults {...search} />
        ) : (
          <>
            <h1 className="text-3xl font-semibold tracking-tight text-ink">Candor documentation</h1>
            <p className="mt-4 text-lg text-slate-700">
              How to run Candor, use each part of it, connect it to your systems and host it yourself.
            </p>
            <ul className="mt-10 grid gap-6 sm:grid-cols-2">
              {navigation.map(({ group, pages }) => (
                <li key={group} className="rounded-xl border border-slate-200 p-5 shadow-sm">
                  <h2 className="font-semibold text-ink">{group}</h2>
                  <ul className="mt-3 space-y-1.5 text-sm">
                    {pages.map((page) => (
                      <li key={page.slug}>
                        <a href={`/docs/${page.slug}`} className="text-brand-700 hover:underline">
                          {page.title}
                        </a>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </DocsShell>
  )
}
