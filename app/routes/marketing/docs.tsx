// /docs — how to run, use and deploy Candor (?page= architecture, permissions, deploy).
import { renderDoc, DOC_PAGES, type DocPage } from '~/modules/marketing/docs.server'
import type { Route } from './+types/docs'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Documentation'} — Candor docs` }]

export function loader({ request }: Route.LoaderArgs) {
  const asked = new URL(request.url).searchParams.get('page') ?? 'readme'
  const page: DocPage = asked in DOC_PAGES ? (asked as DocPage) : 'readme'
  return {
    page,
    title: DOC_PAGES[page].title,
    html: renderDoc(page),
    pages: Object.entries(DOC_PAGES).map(([id, { title }]) => ({ id, title })),
  }
}

export default function Docs({ loaderData }: Route.ComponentProps) {
  const { page, html, pages } = loaderData
  return (
    <>
      <header className="border-b border-slate-200">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-6 py-4">
          <a href="/" className="text-xl font-semibold tracking-tight">
            Candor <span className="font-normal text-slate-500">docs</span>
          </a>
          <a href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
            Sign in
          </a>
        </nav>
      </header>
      <div className="mx-auto max-w-6xl px-6 py-10 lg:grid lg:grid-cols-[12rem_1fr] lg:gap-10">
        <nav aria-label="Documentation">
          <ul className="flex flex-wrap gap-3 text-sm lg:block lg:space-y-2">
            {pages.map((p) => (
              <li key={p.id}>
                <a href={`/docs?page=${p.id}`} aria-current={p.id === page ? 'page' : undefined} className={p.id === page ? 'font-medium text-ink' : 'text-slate-600 hover:text-ink'}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="doc min-w-0 max-w-3xl" dangerouslySetInnerHTML={{ __html: html }} />
      </div>
    </>
  )
}
