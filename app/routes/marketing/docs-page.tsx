// /docs/:page — one page of the documentation, with the navigation and its previous and next
// pages; an unknown page answers 404 with the navigation still there.
import { data } from 'react-router'
import { DocsShell } from '~/components/docs/docs-shell'
import { docPageOrNull } from '~/modules/docs/docs-view.server'
import { docNavigation } from '~/modules/docs/site.server'
import type { Route } from './+types/docs-page'

export const meta: Route.MetaFunction = ({ data: view }) => [{ title: `${view?.page?.title ?? 'Page not found'} — Candor docs` }]

export function loader({ params }: Route.LoaderArgs) {
  const page = docPageOrNull(params.page)
  return data({ navigation: docNavigation(), page }, { status: page ? 200 : 404 })
}

export default function DocsPage({ loaderData: { navigation, page } }: Route.ComponentProps) {
  if (!page) {
    return (
      <DocsShell navigation={navigation}>
        <main className="max-w-3xl">
          <h1 className="text-3xl font-semibold tracking-tight text-ink">Page not found</h1>
          <p className="mt-4 text-slate-700">
            The documentation has no page at this address. Choose one from the list, search, or start at the{' '}
            <a href="/docs" className="text-brand-700 underline">
              documentation’s front page
            </a>
            .
          </p>
        </main>
      </DocsShell>
    )
  }
  return (
    <DocsShell navigation={navigation} current={page.slug}>
      <main className="max-w-3xl">
        <p className="text-sm font-medium text-brand-700">{page.group}</p>
        <article className="doc mt-1" dangerouslySetInnerHTML={{ __html: page.html }} />
        <nav aria-label="Previous and next page" className="mt-12 grid gap-4 border-t border-slate-200 pt-6 sm:grid-cols-2">
          {page.previous ? (
            <a href={`/docs/${page.previous.slug}`} rel="prev" className="rounded-lg border border-slate-200 p-4 hover:border-brand-600">
              <span className="block text-xs text-slate-500">Previous</span>
              <span className="font-medium text-ink">{page.previous.title}</span>
            </a>
          ) : (
            <span />
          )}
          {page.next ? (
            <a href={`/docs/${page.next.slug}`} rel="next" className="rounded-lg border border-slate-200 p-4 text-right hover:border-brand-600 sm:col-start-2">
              <span className="block text-xs text-slate-500">Next</span>
              <span className="font-medium text-ink">{page.next.title}</span>
            </a>
          ) : null}
        </nav>
      </main>
    </DocsShell>
  )
}
