// Markdown that workspaces write and visitors read (trust-page sections, the disclosure policy),
// rendered to HTML on the server. markdown-it with raw HTML off escapes every tag a writer
// types; links are kept only for https: and mailto: (anything else, javascript: and data:
// included, stays visible as plain text); images are off (an image would load from a stranger's
// server). Short fields take no headings (a heading would break the page's outline); long
// documents do, placed below the page's own h1 and section h2s.
import MarkdownIt from 'markdown-it'

const SAFE_LINK = /^(https:\/\/|mailto:)/i
// No spaces or control characters inside an address (browsers drop some, which hides a scheme).
const hasControlOrSpace = (url: string) =>
  [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c))

/**
 * The page's own headings end at h2: the writer's highest heading becomes h3, the next level h4,
 * deeper ones h5, so that no level is skipped (a policy whose first heading is `##` still gets
 * an h3, as screen readers' outlines expect).
 */
function placeHeadings(tokens: { type: string; tag: string }[]) {
  const headings = tokens.filter((token) => token.type === 'heading_open' || token.type === 'heading_close')
  const top = Math.min(...headings.map((token) => Number(token.tag.slice(1))))
  for (const token of headings) token.tag = `h${Math.min(Number(token.tag.slice(1)) - top + 3, 5)}`
}

function renderer({ headings }: { headings: boolean }) {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false })
  md.disable(['image', 'html_block', 'html_inline', ...(headings ? [] : ['heading', 'lheading'])])
  // markdown-it passes the URL as written (entities decoded); checked before it is normalised.
  md.validateLink = (url) => SAFE_LINK.test(url.trim()) && !hasControlOrSpace(url.trim())
  // Bare addresses become links only when they are https (linkify would also take http:, www.).
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false })

  type Rule = NonNullable<typeof md.renderer.rules.link_open>
  const renderToken: Rule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options)
  const linkOpen = md.renderer.rules.link_open ?? renderToken
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer')
    return linkOpen(tokens, idx, options, env, self)
  }
  md.core.ruler.push('place_headings', (state) => placeHeadings(state.tokens))
  return md
}

const field = renderer({ headings: false })
const document = renderer({ headings: true })

/**
 * Markdown as HTML that is safe to put in a page. `headings: true` for a long document (a
 * policy) whose headings become h3 to h5; otherwise a `#` line stays text.
 */
export function renderMarkdown(source: string, { headings = false } = {}): string {
  if (!source.trim()) return ''
  return (headings ? document : field).render(source)
}

/** Markdown for one line (a title, a table cell): no paragraph around it. */
export function renderInlineMarkdown(source: string): string {
  return source.trim() ? field.renderInline(source) : ''
}
