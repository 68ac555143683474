// The documentation site (/docs): the Markdown pages under docs/site, bundled at build time, in
// the order and groups of the left navigation. A page's title is its first `# ` heading.
import { renderDocMarkdown } from './markdown.server'

const sources = import.meta.glob<string>('../../../docs/site/*.md', { query: '?raw', import: 'default', eager: true })

/** The navigation: groups of page slugs (each slug is docs/site/<slug>.md), in reading order. */
const NAVIGATION = [
  { group: 'Start here', slugs: ['getting-started', 'concepts'] },
  { group: 'Trust center', slugs: ['trust-center', 'documents', 'dpa', 'subprocessors', 'security-disclosure'] },
  { group: 'Privacy requests', slugs: ['privacy-portal', 'data-systems', 'incidents'] },
  { group: 'Workspace', slugs: ['members', 'branding', 'audit-log', 'billing'] },
  { group: 'Integrate', slugs: ['api', 'webhooks', 'webhook-connector'] },
  { group: 'Run it yourself', slugs: ['deploy-node', 'deploy-compose', 'deploy-fly', 'configuration', 'operations'] },
] as const

export type DocSlug = (typeof NAVIGATION)[number]['slugs'][number]

export type DocPage = { slug: DocSlug; title: string; group: string; source: string }

function sourceOf(slug: string): string {
  const source = sources[`../../../docs/site/${slug}.md`]
  if (source === undefined) throw new Error(`docs/site/${slug}.md is in the navigation but does not exist`)
  return source
}

function titleOf(slug: string, source: string): string {
  const title = /^# (.+)$/m.exec(source)?.[1]
  if (!title) throw new Error(`docs/site/${slug}.md has no "# " title`)
  return title.trim()
}

/** Every page in reading order. */
export const DOC_PAGES: readonly DocPage[] = NAVIGATION.flatMap(({ group, slugs }) =>
  slugs.map((slug) => {
    const source = sourceOf(slug)
    return { slug, group, source, title: titleOf(slug, source) }
  }),
)

export type DocLink = { slug: DocSlug; title: string }

/** The left navigation: groups with their pages' links. */
export function docNavigation(): { group: string; pages: DocLink[] }[] {
  return NAVIGATION.map(({ group }) => ({
    group,
    pages: DOC_PAGES.filter((page) => page.group === group).map(({ slug, title }) => ({ slug, title })),
  }))
}

export function findDocPage(slug: string): DocPage | undefined {
  return DOC_PAGES.find((page) => page.slug === slug)
}

/** A page with its HTML and the pages before and after it in reading order. */
export function docPageView(page: DocPage) {
  const index = DOC_PAGES.indexOf(page)
  const link = (other: DocPage | undefined): DocLink | null => (other ? { slug: other.slug, title: other.title } : null)
  return {
    slug: page.slug,
    title: page.title,
    group: page.group,
    html: renderDocMarkdown(page.source),
    previous: link(DOC_PAGES[index - 1]),
    next: link(DOC_PAGES[index + 1]),
  }
}
