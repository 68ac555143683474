// The frame of every /docs page: the site's header with a search form (a plain GET, so it works
// without JavaScript), the grouped navigation on the left (above the page on a phone) and the page.
import type { ReactNode } from 'react'

type Navigation = { group: string; pages: { slug: string; title: string }[] }[]

export function DocsShell({ navigation, current, query = '', children }: { navigation: Navigation; current?: string; query?: string; children: ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-6 py-4">
          <a href="/" className="text-xl font-semibold tracking-tight">
            Candor <span className="font-normal text-slate-500">docs</span>
          </a>
          <form method="get" action="/docs" role="search" className="order-last flex w-full gap-2 sm:order-none sm:w-auto">
            <label htmlFor="docs-search" className="sr-only">
              Search the documentation
            </label>
            <input
              id="docs-search"
              type="search"
              name="q"
              defaultValue={query}
              maxLength={100}
              placeholder="Search the docs"
              className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:w-64"
            />
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              Search
            </button>
          </form>
          <a href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
            Sign in
          </a>
        </nav>
      </header>
      <div className="mx-auto max-w-6xl px-6 py-8 lg:grid lg:grid-cols-[14rem_1fr] lg:gap-12 lg:py-12">
        <DocsNavigation navigation={navigation} current={current} />
        <div className="min-w-0">{children}</div>
      </div>
    </>
  )
}

function DocsNavigation({ navigation, current }: { navigation: Navigation; current?: string }) {
  const groups = (
    <div className="space-y-6">
      {navigation.map(({ group, pages }) => (
        <div key={group}>
          <p aria-hidden="true" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            {group}
          </p>
          <ul aria-label={group} className="mt-2 space-y-1 text-sm">
            {pages.map((page) => (
              <li key={page.slug}>
                <a
                  href={`/docs/${page.slug}`}
                  aria-current={page.slug === current ? 'page' : undefined}
                  className={`block rounded px-2 py-1 ${page.slug === current ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-50 hover:text-ink'}`}
                >
                  {page.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  )
  return (
    <nav aria-label="Documentation" className="mb-8 lg:mb-0">
      {/* A phone folds the list away; a wide screen shows it beside the page. */}
      <details className="rounded-md border border-slate-200 lg:hidden">
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-ink">All documentation pages</summary>
        <div className="border-t border-slate-200 px-4 py-4">{groups}</div>
      </details>
      <div className="hidden lg:block">{groups}</div>
    </nav>
  )
}
