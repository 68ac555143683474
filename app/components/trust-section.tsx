// The building blocks every section of the public trust page is made of, so that a new section
// (documents, the DPA, …) looks like the others: a titled section with its place in the page's
// section list, cards, and status badges. Styled by trust-page.css (which scans this file).

/** How a badge reads: its colours say the state, its words say it too (never colour alone). */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'neutral'

const BADGE: Record<Tone, string> = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25',
  bad: 'bg-red-50 text-red-800 ring-red-600/25',
  warn: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  info: 'bg-sky-50 text-sky-900 ring-sky-600/25',
  neutral: 'bg-slate-100 text-slate-700 ring-slate-500/25',
}
const DOT: Record<Tone, string> = {
  good: 'bg-emerald-500',
  bad: 'bg-red-500',
  warn: 'bg-amber-500',
  info: 'bg-sky-500',
  neutral: 'bg-slate-400',
}

export function Badge(props: { tone: Tone; children: React.ReactNode }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[props.tone]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOT[props.tone]}`} />
      {props.children}
    </span>
  )
}

/** A bordered white card; `as` keeps list semantics where cards form a list. */
export function Card(props: { as?: 'div' | 'li'; className?: string; children: React.ReactNode; [data: `data-${string}`]: string }) {
  const { as: Tag = 'div', className = '', children, ...rest } = props
  return (
    <Tag {...rest} className={`rounded-2xl border border-slate-200 bg-white p-5 shadow-xs sm:p-6 ${className}`}>
      {children}
    </Tag>
  )
}

/** A list of cards: one column on a phone, two or three side by side on wider screens. */
export const CARD_GRID = 'grid gap-4 sm:grid-cols-2'
export const CARD_GRID_3 = 'grid gap-4 sm:grid-cols-2 xl:grid-cols-3'

/**
 * One section of the page: an anchor (`id`, also listed in the section nav), a title, an
 * optional line under it and an optional link beside it (e.g. "Subscribe to changes").
 */
export function Section(props: { id: string; title: string; intro?: string; action?: { href: string; label: string }; children: React.ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-title`} className="trust-section border-t border-slate-200 py-10 first:border-t-0 sm:py-14">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between sm:gap-6">
        <div className="max-w-3xl">
          <h2 id={`${props.id}-title`} className="text-2xl font-semibold tracking-tight text-ink sm:text-[1.75rem]">
            {props.title}
          </h2>
          {props.intro ? <p className="mt-2 text-pretty text-slate-600">{props.intro}</p> : null}
        </div>
        {props.action ? (
          <a href={props.action.href} className="shrink-0 text-sm font-medium text-brand-700 underline-offset-4 hover:underline print:hidden">
            {props.action.label} <span aria-hidden="true">→</span>
          </a>
        ) : null}
      </div>
      <div className="mt-8">{props.children}</div>
    </section>
  )
}

/** Text written by the workspace, already rendered to safe HTML (app/modules/trust/markdown.ts). */
export function Html({ html, className = '' }: { html: string; className?: string }) {
  if (!html) return null
  return <div className={`md ${className}`} dangerouslySetInnerHTML={{ __html: html }} />
}
