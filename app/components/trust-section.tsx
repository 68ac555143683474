// The building blocks every section of the public trust page is made of, so that a new section
// (documents, the DPA, …) looks like the others: a titled section with its place in the page's
// section list, cards, and status badges. Their classes (.section, .card, .badge…) are defined
// once in trust-page.css, which keeps each page's HTML small.

/** How a badge reads: its colours say the state, its words say it too (never colour alone). */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'neutral'

/** A status badge: `.badge` and `.badge-<tone>` in badge.css draw it (a dot, then the words). */
export function Badge(props: { tone: Tone; children: React.ReactNode }) {
  return <span className={`badge badge-${props.tone}`}>{props.children}</span>
}

/** A bordered white card; `as` keeps list semantics where cards form a list. */
export function Card(props: { as?: 'div' | 'li'; className?: string; children: React.ReactNode; [data: `data-${string}`]: string }) {
  const { as: Tag = 'div', className = '', children, ...rest } = props
  return (
    <Tag {...rest} className={`card ${className}`}>
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
    <section id={props.id} aria-labelledby={`${props.id}-title`} className="section">
      <div className="section-head">
        <div>
          <h2 id={`${props.id}-title`} className="section-title">
            {props.title}
          </h2>
          {props.intro ? <p className="section-intro">{props.intro}</p> : null}
        </div>
        {props.action ? (
          <a href={props.action.href} className="section-action">
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
